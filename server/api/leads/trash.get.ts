import { leadTrashQuerySchema } from '#shared/schemas/leads'
import type { LeadListResponse, LeadTrashItem } from '#shared/types/leads'
import { listTrash } from '../../services/leads/list'

export default defineEventHandler(async (event): Promise<LeadListResponse<LeadTrashItem>> => {
  const user = await requireUser(event, 'leads:restore')
  const query = queryInput(event, leadTrashQuerySchema)
  return listTrash(useDb(), user, query)
})

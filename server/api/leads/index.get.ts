import { leadListQuerySchema } from '#shared/schemas/leads'
import type { LeadListResponse } from '#shared/types/leads'
import { listLeads } from '../../services/leads/list'

export default defineEventHandler(async (event): Promise<LeadListResponse> => {
  const user = await requireUser(event, 'leads:read')
  const query = queryInput(event, leadListQuerySchema)
  return listLeads(useDb(), user, query)
})

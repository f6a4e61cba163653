import { idParamSchema } from '#shared/schemas/common'
import type { LeadDetail } from '#shared/types/leads'
import { getLead, leadNotFound } from '../../services/leads/read'

export default defineEventHandler(async (event): Promise<LeadDetail> => {
  const user = await requireUser(event, 'leads:read')
  const { id } = paramsInput(event, idParamSchema)
  const lead = await getLead(useDb(), user, id)
  if (!lead) throw leadNotFound()
  return lead
})

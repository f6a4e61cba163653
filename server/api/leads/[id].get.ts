import { idParamSchema } from '#shared/schemas/common'
import { getLead, type LeadDetail } from '../../services/leads/read'

export default defineEventHandler(async (event): Promise<LeadDetail> => {
  const user = await requireUser(event, 'leads:read')
  const { id } = paramsInput(event, idParamSchema)
  const lead = await getLead(useDb(), user, id)
  if (!lead) throw notFound('Prospek tidak ditemukan.')
  return lead
})

import { leadCreateSchema } from '#shared/schemas/leads'
import type { LeadDetail } from '#shared/types/leads'
import { createLead } from '../../services/leads/create'

export default defineEventHandler(async (event): Promise<LeadDetail> => {
  const user = await requireUser(event, 'leads:create')
  const input = await readInput(event, leadCreateSchema)
  const lead = await createLead(useDb(), user, input, requestMeta(event))
  setResponseStatus(event, 201)
  return lead
})

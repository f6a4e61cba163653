import { idParamSchema } from '#shared/schemas/common'
import { leadUpdateSchema } from '#shared/schemas/leads'
import type { LeadDetail } from '#shared/types/leads'
import { updateLead } from '../../services/leads/update'

export default defineEventHandler(async (event): Promise<LeadDetail> => {
  const user = await requireUser(event, 'leads:update')
  const { id } = paramsInput(event, idParamSchema)
  const input = await readInput(event, leadUpdateSchema)
  return updateLead(useDb(), user, id, input, requestMeta(event))
})

import { idParamSchema } from '#shared/schemas/common'
import { leadRestoreSchema } from '#shared/schemas/leads'
import type { LeadDetail } from '#shared/types/leads'
import { restoreLead } from '../../../services/leads/delete'

export default defineEventHandler(async (event): Promise<LeadDetail> => {
  const user = await requireUser(event, 'leads:restore')
  const { id } = paramsInput(event, idParamSchema)
  const input = await readInput(event, leadRestoreSchema)
  return restoreLead(useDb(), user, id, input, requestMeta(event))
})

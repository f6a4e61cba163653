import { checkPhoneQuerySchema } from '#shared/schemas/leads'
import type { CheckPhoneResponse } from '#shared/types/leads'
import { checkPhone } from '../../services/leads/duplicates'

/** The lead form's live hint: "this number already belongs to <name>". */
export default defineEventHandler(async (event): Promise<CheckPhoneResponse> => {
  const user = await requireUser(event, 'leads:read')
  const { whatsapp, exceptId } = queryInput(event, checkPhoneQuerySchema)
  return checkPhone(useDb(), user, whatsapp, exceptId)
})

import { intakeSiteParamSchema, type IntakeSitePublic } from '#shared/schemas/intake'
import { revokeIntakeSite } from '../../../services/intake'

/** Revoke a site key: its posts answer 401 from now on. */
export default defineEventHandler(async (event): Promise<IntakeSitePublic> => {
  const user = await requireUser(event, 'pipeline:configure')
  const { id } = paramsInput(event, intakeSiteParamSchema)
  return revokeIntakeSite(useDb(), user, id, requestMeta(event))
})

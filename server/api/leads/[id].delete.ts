import { idParamSchema } from '#shared/schemas/common'
import { deleteLead } from '../../services/leads/delete'

/** Soft delete: the lead and its activities go to the trash. */
export default defineEventHandler(async (event): Promise<null> => {
  const user = await requireUser(event, 'leads:delete')
  const { id } = paramsInput(event, idParamSchema)
  await deleteLead(useDb(), user, id, requestMeta(event))
  setResponseStatus(event, 204)
  return null
})

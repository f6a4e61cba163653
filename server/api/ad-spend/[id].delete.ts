import { idParamSchema } from '#shared/schemas/common'
import { deleteAdSpend } from '../../services/ad-spend'

export default defineEventHandler(async (event): Promise<null> => {
  const user = await requireUser(event, 'adspend:manage')
  const { id } = paramsInput(event, idParamSchema)
  await deleteAdSpend(useDb(), user, id, requestMeta(event))
  setResponseStatus(event, 204)
  return null
})

import { idParamSchema } from '#shared/schemas/common'
import { deleteView } from '../../../services/preferences'

export default defineEventHandler(async (event): Promise<null> => {
  const user = await requireUser(event)
  const { id } = paramsInput(event, idParamSchema)
  await deleteView(useDb(), user.id, id)
  setResponseStatus(event, 204)
  return null
})

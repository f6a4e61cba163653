import { idParamSchema } from '#shared/schemas/common'
import { deleteTodo } from '../../services/todos'

/** Soft delete; its reminder is cancelled in the same transaction. */
export default defineEventHandler(async (event): Promise<null> => {
  const user = await requireUser(event, 'todos:use')
  const { id } = paramsInput(event, idParamSchema)
  await deleteTodo(useDb(), user, id, requestMeta(event))
  setResponseStatus(event, 204)
  return null
})

import { idParamSchema } from '#shared/schemas/common'
import type { TodoDto } from '#shared/types/todos'
import { getTodo } from '../../services/todos'

/** Only its owner sees a to-do; anyone else gets a 404. */
export default defineEventHandler(async (event): Promise<TodoDto> => {
  const user = await requireUser(event, 'todos:use')
  const { id } = paramsInput(event, idParamSchema)
  return getTodo(useDb(), user, id)
})

import { idParamSchema } from '#shared/schemas/common'
import { todoUpdateSchema } from '#shared/schemas/todos'
import type { TodoDto } from '#shared/types/todos'
import { updateTodo } from '../../services/todos'

export default defineEventHandler(async (event): Promise<TodoDto> => {
  const user = await requireUser(event, 'todos:use')
  const { id } = paramsInput(event, idParamSchema)
  const input = await readInput(event, todoUpdateSchema)
  return updateTodo(useDb(), user, id, input, requestMeta(event))
})

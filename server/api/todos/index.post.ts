import { todoCreateSchema } from '#shared/schemas/todos'
import type { TodoDto } from '#shared/types/todos'
import { createTodo } from '../../services/todos'

export default defineEventHandler(async (event): Promise<TodoDto> => {
  const user = await requireUser(event, 'todos:use')
  const input = await readInput(event, todoCreateSchema)
  const todo = await createTodo(useDb(), user, input, requestMeta(event))
  setResponseStatus(event, 201)
  return todo
})

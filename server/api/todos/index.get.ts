import { todoListQuerySchema } from '#shared/schemas/todos'
import type { TodoListResponse } from '#shared/types/todos'
import { listTodos } from '../../services/todos'

export default defineEventHandler(async (event): Promise<TodoListResponse> => {
  const user = await requireUser(event, 'todos:use')
  const query = queryInput(event, todoListQuerySchema)
  return listTodos(useDb(), user, query)
})

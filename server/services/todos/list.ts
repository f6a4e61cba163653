import { and, asc, desc, eq, gte, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm'
import { TODO_LIST_LIMIT, type TodoListQuery } from '../../../shared/schemas/todos'
import type { TodoCounts, TodoDto, TodoListResponse } from '../../../shared/types/todos'
import { jakartaDay, jakartaInstant } from '../../../shared/utils/jakarta'
import { todos } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { notFound } from '../../utils/validation'
import type { SessionUser } from '../auth/sessions'
import { ownTodos, selectTodos, toTodoDto } from './serialize'

function todayRange(now: Date): [Date, Date] {
  const today = jakartaDay(now)
  return [jakartaInstant(today), jakartaInstant(today, 24 * 60)]
}

/**
 * The user's own to-dos. Open ones come by due time (none last), then by priority; done ones by when
 * they were done. "Overdue" and "today" only ever mean open to-dos.
 */
export async function listTodos(db: DbOrTx, user: SessionUser, query: TodoListQuery, now = new Date()): Promise<TodoListResponse> {
  const where: SQL[] = []
  if (query.status === 'open' || query.due) where.push(isNull(todos.doneAt))
  else if (query.status === 'done') where.push(isNotNull(todos.doneAt))
  const [dayStart, dayEnd] = todayRange(now)
  if (query.due === 'overdue') where.push(lt(todos.dueAt, now))
  if (query.due === 'today') where.push(gte(todos.dueAt, dayStart), lt(todos.dueAt, dayEnd))

  const rows = await selectTodos(db, user).where(and(ownTodos(user), ...where))
    .orderBy(
      sql`${todos.doneAt} IS NOT NULL`, desc(todos.doneAt),
      sql`${todos.dueAt} IS NULL`, asc(todos.dueAt),
      desc(todos.priority), desc(todos.id),
    )
    .limit(TODO_LIST_LIMIT)
  return { items: rows.map(r => toTodoDto(r, now)), counts: await countTodos(db, user, now) }
}

/** The numbers on the filter tabs, in one pass over the user's rows of todos_user_due_idx. */
async function countTodos(db: DbOrTx, user: SessionUser, now: Date): Promise<TodoCounts> {
  const [dayStart, dayEnd] = todayRange(now)
  const [row] = await db.select({
    open: sql<number>`COALESCE(SUM(${todos.doneAt} IS NULL), 0)`,
    done: sql<number>`COALESCE(SUM(${todos.doneAt} IS NOT NULL), 0)`,
    overdue: sql<number>`COALESCE(SUM(${todos.doneAt} IS NULL AND ${todos.dueAt} < ${now}), 0)`,
    today: sql<number>`COALESCE(SUM(${todos.doneAt} IS NULL AND ${todos.dueAt} >= ${dayStart} AND ${todos.dueAt} < ${dayEnd}), 0)`,
  }).from(todos).where(ownTodos(user))
  return { open: Number(row?.open ?? 0), done: Number(row?.done ?? 0), overdue: Number(row?.overdue ?? 0), today: Number(row?.today ?? 0) }
}

/** One of the user's own to-dos; anyone else's is a 404, the same as one that does not exist. */
export async function getTodo(db: DbOrTx, user: SessionUser, id: number): Promise<TodoDto> {
  const [row] = await selectTodos(db, user).where(and(eq(todos.id, id), ownTodos(user))).limit(1)
  if (!row) throw todoNotFound()
  return toTodoDto(row)
}

export const todoNotFound = () => notFound('To-do tidak ditemukan.')

import { and, eq, isNull } from 'drizzle-orm'
import type { TodoDto } from '../../../shared/types/todos'
import { leads, todos, type Todo } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { leadScope } from '../../utils/scope'
import type { SessionUser } from '../auth/sessions'

/** The live to-dos of their owner: put it in every WHERE on todos, so anyone else's is simply not found. */
export function ownTodos(user: Pick<SessionUser, 'id'>) {
  return and(eq(todos.userId, user.id), isNull(todos.deletedAt))!
}

/**
 * To-dos with the lead each points at, the lead only while it is in the user's scope (a lead since
 * handed to someone else or deleted shows as none); add the WHERE, with ownTodos(user) in it.
 */
export function selectTodos(db: DbOrTx, user: SessionUser) {
  return db.select({ todo: todos, lead: { id: leads.id, studentName: leads.studentName } })
    .from(todos)
    .leftJoin(leads, and(eq(leads.id, todos.leadId), leadScope(user)))
}

export function toTodoDto(row: { todo: Todo, lead: { id: number | null, studentName: string | null } | null }, now = new Date()): TodoDto {
  const t = row.todo
  return {
    id: t.id,
    title: t.title,
    notes: t.notes,
    priority: t.priority,
    lead: row.lead?.id ? { id: row.lead.id, studentName: row.lead.studentName! } : null,
    dueAt: t.dueAt?.toISOString() ?? null,
    remindAt: t.remindAt?.toISOString() ?? null,
    doneAt: t.doneAt?.toISOString() ?? null,
    done: !!t.doneAt,
    overdue: !t.doneAt && !!t.dueAt && t.dueAt.getTime() < now.getTime(),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  }
}

/** What the audit trail keeps of a to-do. */
export function todoSnapshot(t: Todo): Record<string, unknown> {
  return {
    title: t.title, notes: t.notes, leadId: t.leadId, priority: t.priority,
    dueAt: t.dueAt, remindAt: t.remindAt, doneAt: t.doneAt, deletedAt: t.deletedAt,
  }
}

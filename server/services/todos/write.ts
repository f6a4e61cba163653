import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { TodoCreateInput, TodoUpdateInput } from '../../../shared/schemas/todos'
import { TODO_DEFAULT_PRIORITY } from '../../../shared/schemas/todos'
import type { TodoDto } from '../../../shared/types/todos'
import { leads, todos, type Todo } from '../../db/schema'
import type { Database, DbOrTx } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { leadScope } from '../../utils/scope'
import { validationError } from '../../utils/validation'
import { audit } from '../audit'
import type { SessionUser } from '../auth/sessions'
import { scheduleReminder } from '../reminders'
import { getTodo, todoNotFound } from './list'
import { ownTodos, todoSnapshot } from './serialize'

/**
 * A to-do may point only at a lead the user can see. Missing and out of scope answer the same,
 * as a field error on `leadId`, before anything is written.
 */
async function assertLeadInScope(tx: DbOrTx, user: SessionUser, leadId: number | null | undefined): Promise<void> {
  if (!leadId) return
  const [lead] = await tx.select({ id: leads.id }).from(leads).where(and(eq(leads.id, leadId), leadScope(user))).limit(1)
  if (!lead) {
    throw validationError(new z.ZodError([{ code: 'custom', path: ['leadId'], message: 'Prospek tidak ditemukan', input: leadId }]))
  }
}

/** When it reminds: never once done or deleted; otherwise at the remind time, or when due. */
function reminderTime(t: Pick<Todo, 'doneAt' | 'deletedAt' | 'remindAt' | 'dueAt'>): Date | null {
  if (t.doneAt || t.deletedAt) return null
  return t.remindAt ?? t.dueAt
}

async function syncReminder(tx: DbOrTx, t: Todo): Promise<void> {
  await scheduleReminder(tx, { kind: 'todo', subjectId: t.id, userId: t.userId, remindAt: reminderTime(t) })
}

async function lockTodo(tx: DbOrTx, user: SessionUser, id: number): Promise<Todo> {
  const [row] = await tx.select().from(todos).where(and(eq(todos.id, id), ownTodos(user))).limit(1).for('update')
  if (!row) throw todoNotFound()
  return row
}

export async function createTodo(db: Database, user: SessionUser, input: TodoCreateInput, meta: RequestMeta): Promise<TodoDto> {
  return db.transaction(async (tx) => {
    await assertLeadInScope(tx, user, input.leadId)
    const now = new Date()
    const [{ id }] = await tx.insert(todos).values({
      userId: user.id,
      leadId: input.leadId ?? null,
      title: input.title,
      notes: input.notes ?? null,
      priority: input.priority ?? TODO_DEFAULT_PRIORITY,
      dueAt: input.dueAt ?? null,
      remindAt: input.remindAt ?? null,
      doneAt: input.done ? now : null,
    }).$returningId() as [{ id: number }]
    const [row] = await tx.select().from(todos).where(eq(todos.id, id))
    await audit(tx, user, meta, { action: 'create', entity: 'todo', entityId: id, after: todoSnapshot(row!) })
    await syncReminder(tx, row!)
    return getTodo(tx, user, id)
  })
}

/**
 * A partial edit of the user's own to-do. Moving the due time moves an explicit remind time with it
 * (a reminder set "30 minutes before" stays 30 minutes before), unless the edit sets the remind time too.
 */
export async function updateTodo(db: Database, user: SessionUser, id: number, input: TodoUpdateInput, meta: RequestMeta): Promise<TodoDto> {
  return db.transaction(async (tx) => {
    const before = await lockTodo(tx, user, id)
    if (input.leadId !== undefined && input.leadId !== before.leadId) await assertLeadInScope(tx, user, input.leadId)

    const { done, ...fields } = input
    const set: Partial<Todo> = {}
    for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
      const value = fields[key]
      const old = before[key]
      const same = value instanceof Date && old instanceof Date ? value.getTime() === old.getTime() : value === old
      if (value !== undefined && !same) Object.assign(set, { [key]: value })
    }
    if (set.dueAt !== undefined && input.remindAt === undefined && before.remindAt && before.dueAt && set.dueAt)
      set.remindAt = new Date(before.remindAt.getTime() + set.dueAt.getTime() - before.dueAt.getTime())
    if (done === true && !before.doneAt) set.doneAt = new Date()
    if (done === false && before.doneAt) set.doneAt = null

    if (Object.keys(set).length) {
      await tx.update(todos).set({ ...set, updatedAt: new Date() }).where(eq(todos.id, id))
      const [after] = await tx.select().from(todos).where(eq(todos.id, id))
      await audit(tx, user, meta, { action: 'update', entity: 'todo', entityId: id, before: todoSnapshot(before), after: todoSnapshot(after!) })
      await syncReminder(tx, after!)
    }
    return getTodo(tx, user, id)
  })
}

/** Soft delete; the reminder goes with it. */
export async function deleteTodo(db: Database, user: SessionUser, id: number, meta: RequestMeta): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockTodo(tx, user, id)
    const now = new Date()
    await tx.update(todos).set({ deletedAt: now, deletedBy: user.id, updatedAt: now }).where(eq(todos.id, id))
    await audit(tx, user, meta, {
      action: 'delete', entity: 'todo', entityId: id,
      before: todoSnapshot(before), after: todoSnapshot({ ...before, deletedAt: now }),
    })
    await syncReminder(tx, { ...before, deletedAt: now })
  })
}

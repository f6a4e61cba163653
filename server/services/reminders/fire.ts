import { and, asc, eq, inArray, isNull, lte } from 'drizzle-orm'
import { leads, reminders, todos } from '../../db/schema'
import type { Reminder } from '../../db/schema'
import type { Database, Tx } from '../../utils/db'
import { notify } from '../notifications/notify'
import type { NotifyInput } from '../notifications/notify'

/** Reminders claimed per transaction. */
export const REMINDER_BATCH = 200

/** The key that makes a reminder's notification and e-mail exist once: the reminder and the time it was for. */
export const reminderKey = (r: Pick<Reminder, 'id' | 'remindAt'>) => `reminder:${r.id}:${r.remindAt.getTime()}`

/**
 * Turn every reminder whose time has come into a notification (and an e-mail, as the user chose),
 * exactly once: each batch is claimed with SELECT ... FOR UPDATE SKIP LOCKED, notified and marked
 * fired in one transaction, so other processes skip it and a crash rolls the whole batch back.
 * Reminders whose subject is gone (lead deleted or closed, to-do done or deleted) are cancelled.
 */
export async function fireDueReminders(db: Database, now = new Date()): Promise<number> {
  let fired = 0
  for (;;) {
    const claimed = await db.transaction(async (tx) => {
      const due = await tx.select().from(reminders)
        .where(and(eq(reminders.status, 'pending'), lte(reminders.remindAt, now)))
        .orderBy(asc(reminders.remindAt)).limit(REMINDER_BATCH)
        .for('update', { skipLocked: true })
      if (!due.length) return { count: 0, sent: 0 }
      const inputs = await notificationsFor(tx, due)
      await notify(tx, inputs.map(i => i.input))
      const sentIds = new Set(inputs.map(i => i.reminderId))
      const firedIds = due.filter(r => sentIds.has(r.id)).map(r => r.id)
      const cancelledIds = due.filter(r => !sentIds.has(r.id)).map(r => r.id)
      if (firedIds.length) await tx.update(reminders).set({ status: 'fired', firedAt: now }).where(inArray(reminders.id, firedIds))
      if (cancelledIds.length) await tx.update(reminders).set({ status: 'cancelled' }).where(inArray(reminders.id, cancelledIds))
      return { count: due.length, sent: firedIds.length }
    })
    fired += claimed.sent
    if (claimed.count < REMINDER_BATCH) return fired
  }
}

async function notificationsFor(tx: Tx, due: Reminder[]): Promise<{ reminderId: number, input: NotifyInput }[]> {
  const out: { reminderId: number, input: NotifyInput }[] = []
  const leadIds = due.filter(r => r.kind === 'follow_up').map(r => r.subjectId)
  const todoIds = due.filter(r => r.kind === 'todo').map(r => r.subjectId)
  const leadRows = leadIds.length
    ? await tx.select({ id: leads.id, name: leads.studentName, assignedTo: leads.assignedTo, nextFollowUpAt: leads.nextFollowUpAt })
        .from(leads).where(and(inArray(leads.id, leadIds), isNull(leads.deletedAt)))
    : []
  const todoRows = todoIds.length
    ? await tx.select({ id: todos.id, title: todos.title, userId: todos.userId, dueAt: todos.dueAt, leadId: todos.leadId })
        .from(todos).where(and(inArray(todos.id, todoIds), isNull(todos.deletedAt), isNull(todos.doneAt)))
    : []
  const leadById = new Map(leadRows.map(l => [l.id, l]))
  const todoById = new Map(todoRows.map(t => [t.id, t]))
  for (const r of due) {
    if (r.kind === 'follow_up') {
      const lead = leadById.get(r.subjectId)
      // A lead that was closed, deleted or handed to someone else since: no reminder for this one.
      if (!lead?.nextFollowUpAt || lead.assignedTo !== r.userId) continue
      out.push({ reminderId: r.id, input: { userId: r.userId, kind: 'follow_up_due', params: { leadName: lead.name, dueAt: lead.nextFollowUpAt }, link: `/leads/${lead.id}`, leadId: lead.id, dedupeKey: reminderKey(r) } })
    }
    else {
      const todo = todoById.get(r.subjectId)
      if (!todo || todo.userId !== r.userId) continue
      out.push({ reminderId: r.id, input: { userId: r.userId, kind: 'todo_due', params: { todoTitle: todo.title, dueAt: todo.dueAt }, link: todo.leadId ? `/leads/${todo.leadId}` : '/todo', leadId: todo.leadId, dedupeKey: reminderKey(r) } })
    }
  }
  return out
}

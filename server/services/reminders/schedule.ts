import { and, eq } from 'drizzle-orm'
import type { ReminderKind } from '../../../shared/enums/notifications'
import { reminders } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'

/**
 * Set (or move, or clear) the reminder of a subject, in the caller's transaction: a lead's next
 * follow-up for its assignee, or a to-do for its owner. A new time makes the reminder pending
 * again, so a rescheduled follow-up reminds again; `null` (or no user) cancels it.
 */
export async function scheduleReminder(db: DbOrTx, input: { kind: ReminderKind, subjectId: number, userId: number | null | undefined, remindAt: Date | null | undefined }): Promise<void> {
  if (!input.remindAt || !input.userId) {
    await cancelReminder(db, input.kind, input.subjectId)
    return
  }
  const [existing] = await db.select({ id: reminders.id, userId: reminders.userId, remindAt: reminders.remindAt, status: reminders.status })
    .from(reminders).where(and(eq(reminders.kind, input.kind), eq(reminders.subjectId, input.subjectId))).for('update')
  if (!existing) {
    // A concurrent first insert of the same subject loses on the unique key and updates instead.
    await db.insert(reminders).values({ kind: input.kind, subjectId: input.subjectId, userId: input.userId, remindAt: input.remindAt, status: 'pending' })
      .onDuplicateKeyUpdate({ set: { userId: input.userId, remindAt: input.remindAt, status: 'pending', firedAt: null } })
    return
  }
  // Same time and same person: an unrelated edit leaves the reminder as it is (a fired one stays fired).
  if (existing.userId === input.userId && existing.remindAt.getTime() === input.remindAt.getTime() && existing.status !== 'cancelled') return
  await db.update(reminders).set({ userId: input.userId, remindAt: input.remindAt, status: 'pending', firedAt: null }).where(eq(reminders.id, existing.id))
}

export async function cancelReminder(db: DbOrTx, kind: ReminderKind, subjectId: number): Promise<void> {
  await db.update(reminders).set({ status: 'cancelled' })
    .where(and(eq(reminders.kind, kind), eq(reminders.subjectId, subjectId), eq(reminders.status, 'pending')))
}

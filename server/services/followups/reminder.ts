import type { Lead } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { scheduleReminder } from '../reminders/schedule'

/**
 * Keep a lead's follow-up reminder in line with the lead as it now stands, in the caller's transaction: due at
 * its next follow-up, for its assignee; a deleted lead, no date or no assignee cancels it. Safe to call after
 * any change: an unchanged time and person leave the reminder as it is.
 */
export async function syncFollowUpReminder(tx: DbOrTx, lead: Pick<Lead, 'id' | 'assignedTo' | 'nextFollowUpAt' | 'deletedAt'>): Promise<void> {
  await scheduleReminder(tx, {
    kind: 'follow_up',
    subjectId: lead.id,
    userId: lead.assignedTo,
    remindAt: lead.deletedAt ? null : lead.nextFollowUpAt,
  })
}

export async function syncFollowUpReminders(tx: DbOrTx, rows: Pick<Lead, 'id' | 'assignedTo' | 'nextFollowUpAt' | 'deletedAt'>[]): Promise<void> {
  for (const row of rows) await syncFollowUpReminder(tx, row)
}

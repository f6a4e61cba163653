import { and, eq, inArray, isNull } from 'drizzle-orm'
import type { LeadDetail } from '../../../shared/types/leads'
import { activities, leads, type Lead } from '../../db/schema'
import type { Database, DbOrTx } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { audit } from '../audit'
import { syncFollowUpReminder, syncFollowUpReminders } from '../followups/reminder'
import type { SessionUser } from '../auth/sessions'
import { assertCan } from './access'
import { invalidateLeadCounts } from './counts'
import { assertNoDuplicate } from './duplicates'
import { getLeadOrThrow, lockLead } from './read'
import { leadPhone } from './serialize'

/**
 * Soft-delete leads (already locked and in scope) with their live activities, all stamped with the same instant:
 * restoring brings back exactly the activities that went with the lead, not ones deleted on their own before.
 */
export async function softDeleteLeads(tx: DbOrTx, user: SessionUser, rows: Lead[], meta: RequestMeta, action = 'delete'): Promise<void> {
  if (!rows.length) return
  const now = new Date()
  const ids = rows.map(r => r.id)
  await tx.update(leads).set({ deletedAt: now, deletedBy: user.id, updatedAt: now }).where(inArray(leads.id, ids))
  await tx.update(activities).set({ deletedAt: now, deletedBy: user.id }).where(and(inArray(activities.leadId, ids), isNull(activities.deletedAt)))
  for (const row of rows) {
    await audit(tx, user, meta, {
      action, entity: 'lead', entityId: row.id,
      before: { studentName: row.studentName, deletedAt: null, deletedBy: null },
      after: { studentName: row.studentName, deletedAt: now, deletedBy: user.id },
    })
  }
  await syncFollowUpReminders(tx, rows.map(r => ({ ...r, deletedAt: now })))
}

export async function deleteLead(db: Database, user: SessionUser, id: number, meta: RequestMeta): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockLead(tx, user, id)
    await softDeleteLeads(tx, user, [row], meta)
  })
  invalidateLeadCounts()
}

/**
 * Bring a lead back from the trash with the activities deleted with it. Its number may meanwhile belong to
 * another lead: that is the usual duplicate 409 unless `allowDuplicate`.
 */
export async function restoreLead(db: Database, user: SessionUser, id: number, opts: { allowDuplicate?: boolean }, meta: RequestMeta): Promise<LeadDetail> {
  assertCan(user, 'leads:restore')
  const lead = await db.transaction(async (tx) => {
    const row = await lockLead(tx, user, id, { deleted: true })
    const phone = leadPhone(row)
    if (phone) await assertNoDuplicate(tx, user, phone, { allowDuplicate: opts.allowDuplicate, exceptId: id })
    const now = new Date()
    await tx.update(leads).set({ deletedAt: null, deletedBy: null, updatedAt: now }).where(eq(leads.id, id))
    await tx.update(activities).set({ deletedAt: null, deletedBy: null })
      .where(and(eq(activities.leadId, id), eq(activities.deletedAt, row.deletedAt!)))
    await audit(tx, user, meta, {
      action: 'restore', entity: 'lead', entityId: id,
      before: { studentName: row.studentName, deletedAt: row.deletedAt, deletedBy: row.deletedBy },
      after: { studentName: row.studentName, deletedAt: null, deletedBy: null },
    })
    // Back from the trash, its follow-up (if any) reminds its assignee again.
    await syncFollowUpReminder(tx, { ...row, deletedAt: null })
    return getLeadOrThrow(tx, user, id)
  })
  invalidateLeadCounts()
  return lead
}

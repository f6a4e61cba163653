import { and, asc, inArray } from 'drizzle-orm'
import type { LeadBulkInput } from '../../../shared/schemas/leads'
import type { LeadBulkResult } from '../../../shared/types/leads'
import type { Permission } from '../../../shared/utils/permissions'
import { leads, type Lead } from '../../db/schema'
import type { Database, DbOrTx } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { leadScope } from '../../utils/scope'
import { notifyAssigned } from '../assignment'
import { audit } from '../audit'
import { notifyLeadChanged } from '../followups/changed'
import { syncFollowUpReminders } from '../followups/reminder'
import type { SessionUser } from '../auth/sessions'
import { assertCan } from './access'
import { invalidateLeadCounts } from './counts'
import { softDeleteLeads } from './delete'
import { leadNotFound } from './read'
import { checkReferences } from './references'
import { recordStageMoves, stageEffects } from './stage'

export const BULK_PERMISSIONS: Record<LeadBulkInput['action'], Permission> = {
  assign: 'leads:assign',
  stage: 'leads:update',
  delete: 'leads:delete',
}

/**
 * Assign, move or delete many leads at once, all or nothing: every id must be a live lead in the user's scope,
 * otherwise 404 and no lead changes (the same answer as for one lead out of scope). Leads already in the target
 * state are left alone and not counted.
 */
export async function bulkLeads(db: Database, user: SessionUser, input: LeadBulkInput, meta: RequestMeta): Promise<LeadBulkResult> {
  assertCan(user, BULK_PERMISSIONS[input.action])
  const updated = await db.transaction(async (tx) => {
    // Locked in id order, so two bulk actions over overlapping selections queue instead of deadlocking.
    const rows = await tx.select().from(leads)
      .where(and(inArray(leads.id, input.ids), leadScope(user)))
      .orderBy(asc(leads.id))
      .for('update')
    if (rows.length !== input.ids.length) throw leadNotFound()

    switch (input.action) {
      case 'assign': return bulkAssign(tx, user, rows, input.assignedTo, meta)
      case 'stage': return bulkStage(tx, user, rows, input.stageId, input.lostReason, meta)
      case 'delete':
        await softDeleteLeads(tx, user, rows, meta, 'bulk_delete')
        return rows.length
    }
  })
  if (updated) invalidateLeadCounts()
  return { updated }
}

async function bulkAssign(tx: DbOrTx, user: SessionUser, rows: Lead[], assignedTo: number | null, meta: RequestMeta): Promise<number> {
  if (assignedTo) await checkReferences(tx, { assignedTo })
  const moving = rows.filter(r => r.assignedTo !== assignedTo)
  if (!moving.length) return 0
  const now = new Date()
  await tx.update(leads).set({ assignedTo, updatedAt: now }).where(inArray(leads.id, moving.map(r => r.id)))
  for (const row of moving) {
    await audit(tx, user, meta, { action: 'bulk_update', entity: 'lead', entityId: row.id, before: { assignedTo: row.assignedTo }, after: { assignedTo } })
  }
  await notifyAssigned(tx, user.id, assignedTo, moving)
  // The reminder follows the lead to its new assignee (or is cancelled when it has none).
  await syncFollowUpReminders(tx, moving.map(r => ({ ...r, assignedTo })))
  return moving.length
}

async function bulkStage(tx: DbOrTx, user: SessionUser, rows: Lead[], stageId: number, lostReason: string | null | undefined, meta: RequestMeta): Promise<number> {
  const { stage } = await checkReferences(tx, { stageId })
  const moving = rows.filter(r => r.stageId !== stageId)
  if (!moving.length || !stage) return 0
  const now = new Date()
  const effects = stageEffects(stage, now, lostReason)
  await tx.update(leads).set({ ...effects, updatedAt: now }).where(inArray(leads.id, moving.map(r => r.id)))
  await recordStageMoves(tx, moving.map(r => ({ leadId: r.id, fromStageId: r.stageId, toStageId: stageId })), user.id, now)
  for (const row of moving) {
    const before = Object.fromEntries(Object.keys(effects).map(k => [k, row[k as keyof Lead]]))
    await audit(tx, user, meta, { action: 'bulk_update', entity: 'lead', entityId: row.id, before, after: effects })
  }
  if ('nextFollowUpAt' in effects) await syncFollowUpReminders(tx, moving.map(r => ({ ...r, nextFollowUpAt: effects.nextFollowUpAt ?? null })))
  await notifyLeadChanged(tx, user, moving, ['stageId'])
  return moving.length
}

import { eq } from 'drizzle-orm'
import type { LeadUpdateInput } from '../../../shared/schemas/leads'
import type { LeadDetail } from '../../../shared/types/leads'
import { leads, type Lead } from '../../db/schema'
import type { Database } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { notifyAssigned } from '../assignment'
import { audit } from '../audit'
import { changedFields, describeChange, notifyLeadChanged } from '../followups/changed'
import { syncFollowUpReminder } from '../followups/reminder'
import type { SessionUser } from '../auth/sessions'
import { assertMayReassign } from './access'
import { invalidateLeadCounts } from './counts'
import { assertNoDuplicate } from './duplicates'
import { getLeadOrThrow, lockLead } from './read'
import { checkReferences, type ReferenceInput } from './references'
import { auditSnapshot, leadPhone, phoneColumns } from './serialize'
import { recordStageMoves, stageEffects } from './stage'

/** Only what differs from the stored row, so the audit diff and the stage history record real changes. */
function changed<K extends keyof Lead>(before: Lead, key: K, value: Lead[K] | undefined): boolean {
  if (value === undefined) return false
  const old = before[key]
  return old instanceof Date && value instanceof Date ? old.getTime() !== value.getTime() : old !== value
}

/**
 * A partial edit of a lead in the user's scope. A new stage writes the stage history and opens or closes the lead;
 * a new WhatsApp number goes through the duplicate rule again; a new assignee needs 'leads:assign'.
 */
export async function updateLead(db: Database, user: SessionUser, id: number, input: LeadUpdateInput, meta: RequestMeta): Promise<LeadDetail> {
  let wrote = false
  const lead = await db.transaction(async (tx) => {
    const before = await lockLead(tx, user, id)
    assertMayReassign(user, input.assignedTo, before.assignedTo)

    const { allowDuplicate, whatsapp, lostReason, stageId, ...fields } = input
    const set: Partial<Lead> = {}
    for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
      if (changed(before, key, fields[key])) Object.assign(set, { [key]: fields[key] })
    }

    const refs: ReferenceInput = {}
    if (set.channelId) refs.channelId = set.channelId
    if (set.programId) refs.programId = set.programId
    if (set.assignedTo) refs.assignedTo = set.assignedTo
    if (stageId !== undefined && stageId !== before.stageId) refs.stageId = stageId
    const { stage } = await checkReferences(tx, refs)

    const now = new Date()
    const oldPhone = leadPhone(before)
    const newPhone = whatsapp === undefined || whatsapp === oldPhone ? undefined : whatsapp
    if (newPhone) await assertNoDuplicate(tx, user, newPhone, { allowDuplicate, exceptId: id })
    if (newPhone !== undefined) Object.assign(set, phoneColumns(newPhone))

    if (stage) Object.assign(set, stageEffects(stage, now, lostReason))
    else if (lostReason !== undefined && lostReason !== before.lostReason) set.lostReason = lostReason

    if (!Object.keys(set).length) return getLeadOrThrow(tx, user, id)

    await tx.update(leads).set({ ...set, updatedAt: now }).where(eq(leads.id, id))
    if (stage) await recordStageMoves(tx, [{ leadId: id, fromStageId: before.stageId, toStageId: stage.id }], user.id, now)
    const [after] = await tx.select().from(leads).where(eq(leads.id, id))
    await audit(tx, user, meta, {
      action: 'update', entity: 'lead', entityId: id,
      before: auditSnapshot(before, oldPhone), after: auditSnapshot(after!, newPhone === undefined ? oldPhone : newPhone),
    })
    if (set.assignedTo) await notifyAssigned(tx, user.id, set.assignedTo, [{ id, studentName: after!.studentName }])
    if ('nextFollowUpAt' in set || 'assignedTo' in set) await syncFollowUpReminder(tx, after!)
    await notifyLeadChanged(tx, user, [before], describeChange(changedFields(before, after!)))
    wrote = true
    return getLeadOrThrow(tx, user, id)
  })
  if (wrote) invalidateLeadCounts()
  return lead
}

import { and, eq, isNull, max } from 'drizzle-orm'
import { NO_RESPONSE_OUTCOMES, type ActivityOutcome } from '../../../shared/enums/leads'
import { activityIssues, type ActivityCreateInput, type ActivityUpdateInput } from '../../../shared/schemas/activities'
import type { ActivityResult } from '../../../shared/types/activities'
import { activities, leads, type Activity, type Lead } from '../../db/schema'
import type { Database, DbOrTx } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { audit } from '../audit'
import type { SessionUser } from '../auth/sessions'
import { notifyLeadChanged } from '../followups/changed'
import { syncFollowUpReminder } from '../followups/reminder'
import { invalidateLeadCounts } from '../leads/counts'
import { lockLead } from '../leads/read'
import { readActivity } from './list'
import { activityNotFound, fieldErrors, mayEditActivity, notYourActivity, toActivityItem } from './serialize'

type FollowUpFields = Pick<Lead, 'lastActivityAt' | 'nextFollowUpAt' | 'followUpStatus'>
const followUpFields = (l: FollowUpFields): FollowUpFields => ({ lastActivityAt: l.lastActivityAt, nextFollowUpAt: l.nextFollowUpAt, followUpStatus: l.followUpStatus })
const sameTime = (a: Date | null | undefined, b: Date | null | undefined) => (a?.getTime() ?? null) === (b?.getTime() ?? null)

/** Write what an activity changed on its lead (if anything), with the lead's audit entry and its reminder. */
async function applyToLead(tx: DbOrTx, user: SessionUser, before: Lead, set: Partial<FollowUpFields>, meta: RequestMeta, action: string): Promise<Lead> {
  const changes = Object.entries(set).filter(([k, v]) => {
    const old = before[k as keyof FollowUpFields]
    return old instanceof Date || v instanceof Date ? !sameTime(old as Date | null, v as Date | null) : old !== v
  })
  if (!changes.length) return before
  const now = new Date()
  await tx.update(leads).set({ ...Object.fromEntries(changes), updatedAt: now }).where(eq(leads.id, before.id))
  const [after] = await tx.select().from(leads).where(eq(leads.id, before.id))
  // 'activity…' entries: the timeline already shows the activity itself, so it does not list these as edits.
  await audit(tx, user, meta, { action, entity: 'lead', entityId: before.id, before: followUpFields(before), after: followUpFields(after!) })
  await syncFollowUpReminder(tx, after!)
  return after!
}

function result(activity: Awaited<ReturnType<typeof readActivity>>, lead: Lead, user: SessionUser): ActivityResult {
  return {
    activity: toActivityItem(activity, user),
    lead: {
      id: lead.id,
      nextFollowUpAt: lead.nextFollowUpAt?.toISOString() ?? null,
      lastActivityAt: lead.lastActivityAt?.toISOString() ?? null,
      followUpStatus: lead.followUpStatus,
      updatedAt: lead.updatedAt.toISOString(),
    },
  }
}

/** The follow-up status an activity leaves its open lead in: scheduled with a next date, else what the outcome says. */
function statusAfter(lead: Lead, input: { type: Activity['type'], outcome?: string | null, nextDueAt?: Date | null }): Lead['followUpStatus'] {
  if (lead.closedAt) return lead.followUpStatus
  if (input.nextDueAt) return 'scheduled'
  if (input.type === 'note' || !input.outcome) return lead.followUpStatus
  return NO_RESPONSE_OUTCOMES.includes(input.outcome as ActivityOutcome) ? 'no_response' : 'contacted'
}

/**
 * Log a call, chat, meeting or note on a lead in the user's scope. The lead's last activity moves to it; a next
 * due time becomes the lead's next follow-up (and its reminder, for the assignee); the outcome sets the follow-up
 * status. Someone other than the assignee logging it tells the assignee. One transaction, audited.
 */
export async function createActivity(db: Database, user: SessionUser, leadId: number, input: ActivityCreateInput, meta: RequestMeta): Promise<ActivityResult> {
  const out = await db.transaction(async (tx) => {
    const lead = await lockLead(tx, user, leadId)
    if (input.nextDueAt && lead.closedAt) throw fieldErrors([{ path: 'nextDueAt', message: 'Prospek sudah ditutup: tidak ada tindak lanjut lagi' }])
    const now = new Date()
    const happenedAt = input.happenedAt ?? now
    const values = {
      leadId, userId: user.id, type: input.type, outcome: input.outcome ?? null, notes: input.notes ?? null, occurredAt: happenedAt,
      nextAction: input.nextAction ?? null, nextActionAt: input.nextDueAt ?? null, createdAt: now, updatedAt: now,
    }
    const [{ id }] = await tx.insert(activities).values(values).$returningId() as [{ id: number }]
    await audit(tx, user, meta, { action: 'create', entity: 'activity', entityId: id, after: values })

    const set: Partial<FollowUpFields> = { followUpStatus: statusAfter(lead, input) }
    if (!lead.lastActivityAt || lead.lastActivityAt < happenedAt) set.lastActivityAt = happenedAt
    if (input.nextDueAt) set.nextFollowUpAt = input.nextDueAt
    const after = await applyToLead(tx, user, lead, set, meta, 'activity')
    await notifyLeadChanged(tx, user, [lead], [`activity:${input.type}`])
    return result(await readActivity(tx, id), after, user)
  })
  invalidateLeadCounts()
  return out
}

/** The activity of a lead in scope, locked; someone else's needs 'activities:manage' (403). */
async function lockActivity(tx: DbOrTx, user: SessionUser, leadId: number, activityId: number): Promise<{ lead: Lead, row: Activity }> {
  const lead = await lockLead(tx, user, leadId)
  const [row] = await tx.select().from(activities)
    .where(and(eq(activities.id, activityId), eq(activities.leadId, leadId), isNull(activities.deletedAt))).for('update')
  if (!row) throw activityNotFound()
  if (!mayEditActivity(user, row)) throw notYourActivity()
  return { lead, row }
}

/** The newest live activity time of a lead: its last activity after an edit or a delete. */
async function lastActivityOf(tx: DbOrTx, leadId: number): Promise<Date | null> {
  const [row] = await tx.select({ at: max(activities.occurredAt) }).from(activities).where(and(eq(activities.leadId, leadId), isNull(activities.deletedAt)))
  return row?.at ? new Date(row.at) : null
}

/**
 * Edit an activity. When it is the one that set the lead's next follow-up (same due time), moving or clearing
 * its due time moves or clears the lead's follow-up and its reminder too.
 */
export async function updateActivity(db: Database, user: SessionUser, leadId: number, activityId: number, input: ActivityUpdateInput, meta: RequestMeta): Promise<ActivityResult> {
  const out = await db.transaction(async (tx) => {
    const { lead, row } = await lockActivity(tx, user, leadId, activityId)
    const next = {
      type: input.type ?? row.type,
      outcome: input.outcome === undefined ? row.outcome : input.outcome,
      notes: input.notes === undefined ? row.notes : input.notes,
      occurredAt: input.happenedAt ?? row.occurredAt,
      nextAction: input.nextAction === undefined ? row.nextAction : input.nextAction,
      nextActionAt: input.nextDueAt === undefined ? row.nextActionAt : input.nextDueAt,
    }
    const issues = activityIssues({ ...next, happenedAt: next.occurredAt, nextDueAt: next.nextActionAt })
    if (issues.length) throw fieldErrors(issues)
    if (next.nextActionAt && !sameTime(next.nextActionAt, row.nextActionAt) && lead.closedAt)
      throw fieldErrors([{ path: 'nextDueAt', message: 'Prospek sudah ditutup: tidak ada tindak lanjut lagi' }])

    const now = new Date()
    await tx.update(activities).set({ ...next, updatedAt: now }).where(eq(activities.id, row.id))
    await audit(tx, user, meta, { action: 'update', entity: 'activity', entityId: row.id, before: { ...row }, after: { ...row, ...next } })

    const set: Partial<FollowUpFields> = { lastActivityAt: await lastActivityOf(tx, leadId) }
    const setsFollowUp = row.nextActionAt && sameTime(row.nextActionAt, lead.nextFollowUpAt)
    if (setsFollowUp && !sameTime(next.nextActionAt, row.nextActionAt)) {
      set.nextFollowUpAt = next.nextActionAt
      if (next.nextActionAt && !lead.closedAt) set.followUpStatus = 'scheduled'
    }
    const after = await applyToLead(tx, user, lead, set, meta, 'activity_update')
    return result(await readActivity(tx, row.id), after, user)
  })
  invalidateLeadCounts()
  return out
}

/**
 * Soft-delete an activity (restored with its lead when the lead is restored). The lead's last activity goes back
 * to the newest one left; its next follow-up stays, so deleting a wrong entry never drops a planned follow-up.
 */
export async function deleteActivity(db: Database, user: SessionUser, leadId: number, activityId: number, meta: RequestMeta): Promise<void> {
  await db.transaction(async (tx) => {
    const { lead, row } = await lockActivity(tx, user, leadId, activityId)
    const now = new Date()
    await tx.update(activities).set({ deletedAt: now, deletedBy: user.id }).where(eq(activities.id, row.id))
    await audit(tx, user, meta, { action: 'delete', entity: 'activity', entityId: row.id, before: { deletedAt: null, deletedBy: null }, after: { deletedAt: now, deletedBy: user.id } })
    await applyToLead(tx, user, lead, { lastActivityAt: await lastActivityOf(tx, leadId) }, meta, 'activity_delete')
  })
  invalidateLeadCounts()
}

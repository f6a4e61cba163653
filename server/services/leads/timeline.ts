import { and, desc, eq, isNull } from 'drizzle-orm'
import { alias } from 'drizzle-orm/mysql-core'
import type { LeadTimeline, TimelineActor, TimelineChange, TimelineItem } from '../../../shared/types/timeline'
import { activities, auditLogs, leads, leadStageHistory, pipelineStages, users, whatsappMessages } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { leadScope } from '../../utils/scope'
import type { SessionUser } from '../auth/sessions'
import { leadNotFound } from './read'

/** Newest items kept, overall and per source. */
export const TIMELINE_LIMIT = 200

/** Audit fields the timeline does not list as edits: the stage rows already tell them, or they are bookkeeping. */
const HIDDEN_FIELDS = new Set(['stageId', 'closedAt', 'updatedAt', 'createdAt', 'id', 'stagesReached', 'stageEnteredAt', 'enrolledAmount', 'closeSecs', 'closeBucket', 'firstActivityAt', 'firstResponseHour'])

const fromStage = alias(pipelineStages, 'from_stage')
const toStage = alias(pipelineStages, 'to_stage')

const actor = (id: number | null, name: string | null): TimelineActor | null => (id != null && name != null ? { id, name } : null)
const iso = (d: Date | null) => (d ? d.toISOString() : null)

function changesOf(before: unknown, after: unknown): TimelineChange[] {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(f => !HIDDEN_FIELDS.has(f))
  return fields.map(field => ({ field, before: b[field] ?? null, after: a[field] ?? null }))
}

/**
 * Everything that happened to one lead in the user's scope, newest first: stage changes, activities, WhatsApp
 * messages and audited edits. Each source reads its newest rows through its (lead, time) index; the merge keeps
 * the newest TIMELINE_LIMIT. Missing or out of scope is a 404.
 */
export async function leadTimeline(db: DbOrTx, user: SessionUser, id: number): Promise<LeadTimeline> {
  const [lead] = await db.select({ id: leads.id }).from(leads).where(and(eq(leads.id, id), leadScope(user))).limit(1)
  if (!lead) throw leadNotFound()

  const [stages, acts, messages, audits] = await Promise.all([
    db.select({
      id: leadStageHistory.id, at: leadStageHistory.changedAt,
      fromId: fromStage.id, fromName: fromStage.name, toId: toStage.id, toName: toStage.name,
      userId: users.id, userName: users.name,
    }).from(leadStageHistory)
      .innerJoin(toStage, eq(toStage.id, leadStageHistory.toStageId))
      .leftJoin(fromStage, eq(fromStage.id, leadStageHistory.fromStageId))
      .leftJoin(users, eq(users.id, leadStageHistory.changedBy))
      .where(eq(leadStageHistory.leadId, id))
      .orderBy(desc(leadStageHistory.changedAt), desc(leadStageHistory.id)).limit(TIMELINE_LIMIT),
    db.select({
      id: activities.id, at: activities.occurredAt, type: activities.type, outcome: activities.outcome, notes: activities.notes,
      nextAction: activities.nextAction, nextActionAt: activities.nextActionAt, userId: users.id, userName: users.name,
    }).from(activities)
      .leftJoin(users, eq(users.id, activities.userId))
      .where(and(eq(activities.leadId, id), isNull(activities.deletedAt)))
      .orderBy(desc(activities.occurredAt), desc(activities.id)).limit(TIMELINE_LIMIT),
    db.select({
      id: whatsappMessages.id, at: whatsappMessages.sentAt, direction: whatsappMessages.direction, body: whatsappMessages.body,
      type: whatsappMessages.type, status: whatsappMessages.status, userId: users.id, userName: users.name,
    }).from(whatsappMessages)
      .leftJoin(users, eq(users.id, whatsappMessages.userId))
      .where(eq(whatsappMessages.leadId, id))
      .orderBy(desc(whatsappMessages.sentAt), desc(whatsappMessages.id)).limit(TIMELINE_LIMIT),
    db.select({
      id: auditLogs.id, at: auditLogs.createdAt, action: auditLogs.action, before: auditLogs.before, after: auditLogs.after,
      userId: users.id, userName: users.name,
    }).from(auditLogs)
      .leftJoin(users, eq(users.id, auditLogs.userId))
      .where(and(eq(auditLogs.entity, 'lead'), eq(auditLogs.entityId, String(id))))
      .orderBy(desc(auditLogs.createdAt), desc(auditLogs.id)).limit(TIMELINE_LIMIT),
  ])

  const items: (TimelineItem & { order: number })[] = []
  for (const s of stages) {
    items.push({
      key: `stage-${s.id}`, kind: 'stage', at: s.at.toISOString(), by: actor(s.userId, s.userName), order: s.id,
      from: s.fromId != null && s.fromName != null ? { id: s.fromId, name: s.fromName } : null, to: { id: s.toId, name: s.toName },
    })
  }
  for (const a of acts) {
    items.push({
      key: `activity-${a.id}`, kind: 'activity', at: a.at.toISOString(), by: actor(a.userId, a.userName), order: a.id, activityId: a.id,
      type: a.type, outcome: a.outcome, notes: a.notes, nextAction: a.nextAction, nextActionAt: iso(a.nextActionAt),
    })
  }
  for (const m of messages) {
    items.push({
      key: `whatsapp-${m.id}`, kind: 'whatsapp', at: m.at.toISOString(), by: actor(m.userId, m.userName), order: m.id,
      direction: m.direction, body: m.body, messageType: m.type, status: m.status,
    })
  }
  for (const e of audits) {
    // Creation is already the first stage row; an edit that only moved the stage is already a stage row.
    if (e.action === 'create') continue
    // What an activity did to the lead (last activity, next follow-up): the activity item already tells it.
    if (e.action.startsWith('activity')) continue
    const changes = changesOf(e.before, e.after)
    if (!changes.length && (e.action === 'update' || e.action === 'bulk_update')) continue
    items.push({ key: `edit-${e.id}`, kind: 'edit', at: e.at.toISOString(), by: actor(e.userId, e.userName), order: e.id, action: e.action, changes })
  }

  items.sort((x, y) => (y.at < x.at ? -1 : y.at > x.at ? 1 : y.order - x.order))
  return { items: items.slice(0, TIMELINE_LIMIT).map(({ order: _, ...item }) => item as TimelineItem) }
}

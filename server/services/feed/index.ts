import { and, desc, eq, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm'
import type { MySqlColumn } from 'drizzle-orm/mysql-core'
import { alias } from 'drizzle-orm/mysql-core'
import type { FeedQuery } from '../../../shared/schemas/notifications'
import type { FeedItemDto, FeedKind, FeedPageDto } from '../../../shared/types/notifications'
import { activities, auditLogs, leads, leadStageHistory, pipelineStages, users } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { leadScope } from '../../utils/scope'
import type { SessionUser } from '../auth/sessions'

/**
 * "Latest updates": what happened lately to the leads the user can see (Sales/CS: their own), newest first —
 * new leads, stage changes, activities logged, reassignments. Each source reads its newest rows through a time
 * index joined to the lead by primary key with the user's scope in the WHERE; the merge keeps one page.
 * Paged with a keyset cursor `<ms>-<rank>-<id>`: time, then the source's rank, then its id, all descending.
 */

const RANK: Record<FeedKind, number> = { lead_created: 0, stage_changed: 1, activity: 2, assigned: 3 }
const NOTES_MAX = 160

interface Cursor { at: Date, rank: number, id: number }

function parseCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null
  const [ms, rank, id] = raw.split('-').map(Number) as [number, number, number]
  return { at: new Date(ms), rank, id }
}

/** Rows of one source that come after the cursor in (time desc, rank desc, id desc) order. */
function older(cursor: Cursor | null, rank: number, at: MySqlColumn, id: MySqlColumn): SQL | undefined {
  if (!cursor) return undefined
  if (rank < cursor.rank) return lte(at, cursor.at)
  if (rank > cursor.rank) return lt(at, cursor.at)
  return or(lt(at, cursor.at), and(eq(at, cursor.at), lt(id, cursor.id)))
}

const named = (id: number | null | undefined, name: string | null | undefined) => (id != null && name != null ? { id, name } : null)

type Row = FeedItemDto & { rank: number, id: number }

export async function recentFeed(db: DbOrTx, user: SessionUser, query: FeedQuery): Promise<FeedPageDto> {
  const cursor = parseCursor(query.cursor)
  const take = query.limit + 1
  const scope = leadScope(user)
  const actor = alias(users, 'actor')
  const assignee = alias(users, 'assignee')
  const fromStage = alias(pipelineStages, 'from_stage')
  const toStage = alias(pipelineStages, 'to_stage')

  const [created, moved, acts, assigned] = await Promise.all([
    db.select({
      id: leads.id, at: leads.createdAt, name: leads.studentName, stage: pipelineStages.name,
      actorId: actor.id, actorName: actor.name, assigneeId: assignee.id, assigneeName: assignee.name,
    }).from(leads)
      .innerJoin(pipelineStages, eq(pipelineStages.id, leads.stageId))
      .leftJoin(actor, eq(actor.id, leads.createdBy))
      .leftJoin(assignee, eq(assignee.id, leads.assignedTo))
      .where(and(scope, older(cursor, RANK.lead_created, leads.createdAt, leads.id)))
      .orderBy(desc(leads.createdAt), desc(leads.id)).limit(take),
    db.select({
      id: leadStageHistory.id, at: leadStageHistory.changedAt, leadId: leads.id, name: leads.studentName,
      from: fromStage.name, to: toStage.name, actorId: actor.id, actorName: actor.name,
    }).from(leadStageHistory)
      .innerJoin(leads, eq(leads.id, leadStageHistory.leadId))
      .innerJoin(toStage, eq(toStage.id, leadStageHistory.toStageId))
      .leftJoin(fromStage, eq(fromStage.id, leadStageHistory.fromStageId))
      .leftJoin(actor, eq(actor.id, leadStageHistory.changedBy))
      // The first row of every lead is its creation, which the leads source already tells.
      .where(and(scope, isNotNull(leadStageHistory.fromStageId), older(cursor, RANK.stage_changed, leadStageHistory.changedAt, leadStageHistory.id)))
      .orderBy(desc(leadStageHistory.changedAt), desc(leadStageHistory.id)).limit(take),
    db.select({
      id: activities.id, at: activities.occurredAt, leadId: leads.id, name: leads.studentName,
      type: activities.type, outcome: activities.outcome, notes: activities.notes, actorId: actor.id, actorName: actor.name,
    }).from(activities)
      .innerJoin(leads, eq(leads.id, activities.leadId))
      .leftJoin(actor, eq(actor.id, activities.userId))
      .where(and(scope, isNull(activities.deletedAt), older(cursor, RANK.activity, activities.occurredAt, activities.id)))
      .orderBy(desc(activities.occurredAt), desc(activities.id)).limit(take),
    db.select({
      id: auditLogs.id, at: auditLogs.createdAt, leadId: leads.id, name: leads.studentName, actorId: actor.id, actorName: actor.name,
      assigneeId: sql<string | null>`JSON_UNQUOTE(JSON_EXTRACT(${auditLogs.after}, '$.assignedTo'))`,
    }).from(auditLogs)
      .innerJoin(leads, sql`${leads.id} = CAST(${auditLogs.entityId} AS UNSIGNED)`)
      .leftJoin(actor, eq(actor.id, auditLogs.userId))
      .where(and(
        scope,
        eq(auditLogs.entity, 'lead'),
        inArray(auditLogs.action, ['update', 'bulk_update']),
        sql`JSON_CONTAINS_PATH(${auditLogs.after}, 'one', '$.assignedTo')`,
        older(cursor, RANK.assigned, auditLogs.createdAt, auditLogs.id),
      ))
      .orderBy(desc(auditLogs.createdAt), desc(auditLogs.id)).limit(take),
  ])

  const assigneeIds = [...new Set(assigned.map(a => Number(a.assigneeId)).filter(n => Number.isInteger(n) && n > 0))]
  const names = new Map(assigneeIds.length
    ? (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, assigneeIds))).map(u => [u.id, u.name])
    : [])

  const rows: Row[] = [
    ...created.map(r => ({
      key: `lead-${r.id}`, kind: 'lead_created' as const, rank: RANK.lead_created, id: r.id, at: r.at.toISOString(),
      lead: { id: r.id, name: r.name }, actor: named(r.actorId, r.actorName), to: r.stage, assignee: named(r.assigneeId, r.assigneeName),
    })),
    ...moved.map(r => ({
      key: `stage-${r.id}`, kind: 'stage_changed' as const, rank: RANK.stage_changed, id: r.id, at: r.at.toISOString(),
      lead: { id: r.leadId, name: r.name }, actor: named(r.actorId, r.actorName), from: r.from, to: r.to,
    })),
    ...acts.map(r => ({
      key: `activity-${r.id}`, kind: 'activity' as const, rank: RANK.activity, id: r.id, at: r.at.toISOString(),
      lead: { id: r.leadId, name: r.name }, actor: named(r.actorId, r.actorName),
      activityType: r.type, outcome: r.outcome, notes: r.notes && r.notes.length > NOTES_MAX ? `${r.notes.slice(0, NOTES_MAX - 1)}…` : r.notes,
    })),
    ...assigned.map((r) => {
      const id = Number(r.assigneeId)
      return {
        key: `assigned-${r.id}`, kind: 'assigned' as const, rank: RANK.assigned, id: r.id, at: r.at.toISOString(),
        lead: { id: r.leadId, name: r.name }, actor: named(r.actorId, r.actorName), assignee: named(id, names.get(id)),
      }
    }),
  ]
  rows.sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : y.rank - x.rank || y.id - x.id))
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  return {
    items: page.map(({ rank: _r, id: _i, ...item }) => item),
    nextCursor: rows.length > query.limit && last ? `${Date.parse(last.at)}-${last.rank}-${last.id}` : null,
  }
}

import { and, desc, eq, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm'
import type { MySqlColumn } from 'drizzle-orm/mysql-core'
import type { FeedQuery } from '../../../shared/schemas/notifications'
import type { FeedItemDto, FeedKind, FeedPageDto } from '../../../shared/types/notifications'
import { activities, auditLogs, leads, leadStageHistory, pipelineStages, users } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { leadScope } from '../../utils/scope'
import { leadScopeIsOwn } from '../../../shared/utils/permissions'
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

/** Above this many live leads, a person's newest events are found sooner along the time indexes than through their leads. */
const MANY_LEADS = 2_000

async function ownsMany(db: DbOrTx, userId: number, many: number): Promise<boolean> {
  const [row] = await db.execute<{ n: number }>(sql`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${leads} WHERE ${leads.assignedTo} = ${userId} AND ${leads.deletedAt} IS NULL LIMIT ${many}) AS t`) as unknown as [{ n: number | string }[]]
  return Number(row[0]?.n ?? 0) >= many
}

export async function recentFeed(db: DbOrTx, user: SessionUser, query: FeedQuery, manyLeads = MANY_LEADS): Promise<FeedPageDto> {
  const cursor = parseCursor(query.cursor)
  const take = query.limit + 1
  const scope = leadScope(user)
  // Across all leads the time index is the way in; for Sales/CS with a few leads, their own leads are (the optimizer
  // picks that), but one who carries thousands would have all their activities sorted (3 s at 120k leads), so for
  // them the time index again, checking each row's lead by primary key.
  const byTime = !leadScopeIsOwn(user.role) || await ownsMany(db, user.id, manyLeads)
  const hint = (index: string) => (byTime ? { forceIndex: index } : undefined)

  // Each source joins only the lead (for the scope): with no small lookup tables in the join, the optimizer walks
  // the time index backwards (or, for Sales/CS, their leads) and stops at the limit. Names come afterwards.
  const [created, moved, acts, assigned] = await Promise.all([
    db.select({ id: leads.id, at: leads.createdAt, name: leads.studentName, stageId: leads.stageId, actorId: leads.createdBy, assigneeId: leads.assignedTo })
      .from(leads)
      .where(and(scope, older(cursor, RANK.lead_created, leads.createdAt, leads.id)))
      .orderBy(desc(leads.createdAt), desc(leads.id)).limit(take),
    db.select({
      id: leadStageHistory.id, at: leadStageHistory.changedAt, leadId: leads.id, name: leads.studentName,
      fromId: leadStageHistory.fromStageId, toId: leadStageHistory.toStageId, actorId: leadStageHistory.changedBy,
    }).from(leadStageHistory, hint('lsh_changed_idx'))
      .innerJoin(leads, eq(leads.id, leadStageHistory.leadId))
      // The first row of every lead is its creation, which the leads source already tells.
      .where(and(scope, isNotNull(leadStageHistory.fromStageId), older(cursor, RANK.stage_changed, leadStageHistory.changedAt, leadStageHistory.id)))
      .orderBy(desc(leadStageHistory.changedAt), desc(leadStageHistory.id)).limit(take),
    db.select({
      id: activities.id, at: activities.occurredAt, leadId: leads.id, name: leads.studentName,
      type: activities.type, outcome: activities.outcome, notes: activities.notes, actorId: activities.userId,
    }).from(activities, hint('activities_recent_idx'))
      .innerJoin(leads, eq(leads.id, activities.leadId))
      .where(and(scope, isNull(activities.deletedAt), older(cursor, RANK.activity, activities.occurredAt, activities.id)))
      .orderBy(desc(activities.occurredAt), desc(activities.id)).limit(take),
    db.select({
      id: auditLogs.id, at: auditLogs.createdAt, leadId: leads.id, name: leads.studentName, actorId: auditLogs.userId,
      assigneeId: sql<string | null>`JSON_UNQUOTE(JSON_EXTRACT(${auditLogs.after}, '$.assignedTo'))`,
    }).from(auditLogs, hint('audit_created_idx'))
      // Both spellings of one condition, so either table can lead: audit rows by time, or a Sales/CS user's leads
      // into audit_entity_idx (entity, entity_id, created_at).
      .innerJoin(leads, and(sql`${leads.id} = CAST(${auditLogs.entityId} AS UNSIGNED)`, sql`${auditLogs.entityId} = CAST(${leads.id} AS CHAR)`))
      .where(and(
        scope,
        eq(auditLogs.entity, 'lead'),
        inArray(auditLogs.action, ['update', 'bulk_update']),
        sql`JSON_CONTAINS_PATH(${auditLogs.after}, 'one', '$.assignedTo')`,
        older(cursor, RANK.assigned, auditLogs.createdAt, auditLogs.id),
      ))
      .orderBy(desc(auditLogs.createdAt), desc(auditLogs.id)).limit(take),
  ])

  const assigneeOf = (raw: string | null) => {
    const id = Number(raw)
    return Number.isInteger(id) && id > 0 ? id : null
  }
  const rows: (Row & { actorId: number | null, assigneeId?: number | null, fromId?: number | null, toId?: number | null })[] = [
    ...created.map(r => ({
      key: `lead-${r.id}`, kind: 'lead_created' as const, rank: RANK.lead_created, id: r.id, at: r.at.toISOString(),
      lead: { id: r.id, name: r.name }, actor: null, actorId: r.actorId, toId: r.stageId, assigneeId: r.assigneeId,
    })),
    ...moved.map(r => ({
      key: `stage-${r.id}`, kind: 'stage_changed' as const, rank: RANK.stage_changed, id: r.id, at: r.at.toISOString(),
      lead: { id: r.leadId, name: r.name }, actor: null, actorId: r.actorId, fromId: r.fromId, toId: r.toId,
    })),
    ...acts.map(r => ({
      key: `activity-${r.id}`, kind: 'activity' as const, rank: RANK.activity, id: r.id, at: r.at.toISOString(),
      lead: { id: r.leadId, name: r.name }, actor: null, actorId: r.actorId,
      activityType: r.type, outcome: r.outcome, notes: r.notes && r.notes.length > NOTES_MAX ? `${r.notes.slice(0, NOTES_MAX - 1)}…` : r.notes,
    })),
    ...assigned.map(r => ({
      key: `assigned-${r.id}`, kind: 'assigned' as const, rank: RANK.assigned, id: r.id, at: r.at.toISOString(),
      lead: { id: r.leadId, name: r.name }, actor: null, actorId: r.actorId, assigneeId: assigneeOf(r.assigneeId),
    })),
  ]
  rows.sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : y.rank - x.rank || y.id - x.id))
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)

  // Names for the one page only: people by primary key, stages (a handful of rows) whole.
  const userIds = [...new Set(page.flatMap(r => [r.actorId, r.assigneeId]).filter((id): id is number => id != null))]
  const [people, stages] = await Promise.all([
    userIds.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds)) : [],
    page.some(r => r.toId != null) ? db.select({ id: pipelineStages.id, name: pipelineStages.name }).from(pipelineStages) : [],
  ])
  const person = new Map(people.map(p => [p.id, p.name]))
  const stage = new Map(stages.map(s => [s.id, s.name]))
  const who = (id: number | null | undefined) => (id != null ? named(id, person.get(id)) : null)

  return {
    items: page.map(({ rank: _r, id: _i, actorId, assigneeId, fromId, toId, ...item }) => ({
      ...item,
      actor: who(actorId),
      ...(item.kind === 'lead_created' || item.kind === 'assigned' ? { assignee: who(assigneeId) } : {}),
      ...(item.kind === 'stage_changed' ? { from: fromId != null ? stage.get(fromId) ?? null : null } : {}),
      ...(item.kind === 'lead_created' || item.kind === 'stage_changed' ? { to: toId != null ? stage.get(toId) ?? null : null } : {}),
    })),
    nextCursor: rows.length > query.limit && last ? `${Date.parse(last.at)}-${last.rank}-${last.id}` : null,
  }
}

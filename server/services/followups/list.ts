import { createError } from 'h3'
import { and, asc, count, eq, gte, inArray, isNotNull, isNull, lt, or, type SQL } from 'drizzle-orm'
import type { FollowUpBucket } from '../../../shared/enums/leads'
import type { FollowUpListQuery } from '../../../shared/schemas/activities'
import type { FollowUpCounts, FollowUpItem, FollowUpList } from '../../../shared/types/activities'
import { can } from '../../../shared/utils/permissions'
import { activities, leads, pipelineStages, users } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import type { SessionUser } from '../auth/sessions'
import { leadScope } from '../../utils/scope'
import { jakartaRanges } from '../leads/dates'
import { inIdOrder } from '../../utils/id-order'

/** Whose follow-ups: oneself by default; someone else or the whole team ('all') needs 'followups:team'. */
export function followUpOwner(user: SessionUser, requested: FollowUpListQuery['user']): number | 'all' {
  if (requested === undefined || requested === user.id) return user.id
  if (!can(user.role, 'followups:team'))
    throw createError({ statusCode: 403, statusMessage: 'Forbidden', message: 'Anda hanya dapat melihat follow-up milik sendiri.' })
  return requested
}

/**
 * The bucket as a range of next_follow_up_at, by the Jakarta calendar: overdue is anything before now, today is
 * now until Jakarta midnight, upcoming everything after. Ranges on one column keep the (assignee, deleted_at,
 * next_follow_up_at) index usable for both the rows and the counts.
 */
export function bucketRange(bucket: FollowUpBucket, now: Date): SQL {
  const { today } = jakartaRanges(now)
  if (bucket === 'overdue') return lt(leads.nextFollowUpAt, now)
  if (bucket === 'today') return and(gte(leads.nextFollowUpAt, now), lt(leads.nextFollowUpAt, today[1]))!
  return gte(leads.nextFollowUpAt, today[1])
}

function ownerWhere(owner: number | 'all'): SQL {
  return owner === 'all'
    ? and(isNotNull(leads.assignedTo), isNull(leads.deletedAt), isNotNull(leads.nextFollowUpAt))!
    : and(eq(leads.assignedTo, owner), isNull(leads.deletedAt), isNotNull(leads.nextFollowUpAt))!
}

/**
 * One page of a bucket of someone's (or the team's) follow-ups, soonest first, with the count of every bucket.
 * Only live leads with a next follow-up and an assignee appear; closed leads have none (see leads/stage.ts).
 */
export async function listFollowUps(db: DbOrTx, user: SessionUser, query: FollowUpListQuery, now = new Date()): Promise<FollowUpList> {
  const owner = followUpOwner(user, query.user)
  // The user's lead scope as everywhere; it narrows nothing here (only 'followups:team' looks beyond oneself).
  const base = and(ownerWhere(owner), leadScope(user))!
  const countOf = (b: FollowUpBucket) => db.select({ n: count() }).from(leads).where(and(base, bucketRange(b, now))).then(r => r[0]?.n ?? 0)
  // The page's ids first, off the index alone: (deleted_at, next_follow_up_at, assigned_to) for the team, the
  // person's (assigned_to, deleted_at, next_follow_up_at) for one; the assignee before the id keeps the order the
  // team index's own, so neither sorts more than the page. The joins come after, for those ids only: joined from
  // the start, the optimizer would begin at the stages and sort every follow-up of the bucket (seconds at 1M).
  const [overdue, today, upcoming, ids] = await Promise.all([
    countOf('overdue'),
    countOf('today'),
    countOf('upcoming'),
    db.select({ id: leads.id }).from(leads)
      .where(and(base, bucketRange(query.bucket, now)))
      .orderBy(asc(leads.nextFollowUpAt), asc(leads.assignedTo), asc(leads.id))
      .limit(query.pageSize).offset((query.page - 1) * query.pageSize)
      .then(r => r.map(x => x.id)),
  ])
  const found = ids.length
    ? await db.select({
        id: leads.id, studentName: leads.studentName, parentName: leads.parentName, school: leads.school, grade: leads.grade,
        stageId: pipelineStages.id, stageName: pipelineStages.name, stageColor: pipelineStages.color,
        followUpStatus: leads.followUpStatus, nextFollowUpAt: leads.nextFollowUpAt, lastActivityAt: leads.lastActivityAt,
        assigneeId: users.id, assigneeName: users.name,
      }).from(leads)
        .innerJoin(pipelineStages, eq(pipelineStages.id, leads.stageId))
        .leftJoin(users, eq(users.id, leads.assignedTo))
        .where(inArray(leads.id, ids))
    : []
  const rows = inIdOrder(ids, found, r => r.id)
  const counts: FollowUpCounts = { overdue, today, upcoming }

  // The next action written with the activity that set each follow-up: matched on (lead, due time).
  const actions = new Map<number, string>()
  const pairs = rows.map(r => and(eq(activities.leadId, r.id), eq(activities.nextActionAt, r.nextFollowUpAt!)))
  if (pairs.length) {
    const found = await db.select({ leadId: activities.leadId, nextAction: activities.nextAction }).from(activities)
      .where(and(inArray(activities.leadId, rows.map(r => r.id)), isNull(activities.deletedAt), or(...pairs)))
    for (const a of found) if (a.nextAction) actions.set(a.leadId, a.nextAction)
  }

  const items: FollowUpItem[] = rows.map(r => ({
    id: r.id, studentName: r.studentName, parentName: r.parentName, school: r.school, grade: r.grade,
    stage: { id: r.stageId, name: r.stageName, color: r.stageColor },
    followUpStatus: r.followUpStatus,
    nextFollowUpAt: r.nextFollowUpAt!.toISOString(),
    lastActivityAt: r.lastActivityAt?.toISOString() ?? null,
    assignee: r.assigneeId != null && r.assigneeName != null ? { id: r.assigneeId, name: r.assigneeName } : null,
    nextAction: actions.get(r.id) ?? null,
  }))
  return { bucket: query.bucket, items, total: counts[query.bucket], page: query.page, pageSize: query.pageSize, counts }
}

import { and, count, eq, gte, isNull, lt, or, sql, type SQL } from 'drizzle-orm'
import type { TargetScope } from '../../../shared/enums/catalog'
import type { Actual } from '../../../shared/types/reports'
import { leadScopeIsOwn } from '../../../shared/utils/permissions'
import { monthRange } from '../../../shared/utils/months'
import { enrollments, leads } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import type { SessionUser } from '../auth/sessions'
import { facts, factsCohort, keyOf, leadSum } from './lead-facts'

/**
 * The one definition of the real figures targets are measured against, for the targets page and the dashboard.
 *
 * - revenue: the sum of `amount` of the active enrolments whose `enrolled_at` falls in the range;
 * - students: the number of those enrolments;
 * - leads: the leads created in the range that are not in the trash.
 *
 * Per scope: a program is the enrolment's program (for leads: the program of interest), a channel the
 * enrolment's channel (for leads: the lead's channel), a user the person credited with the enrolment (for
 * leads: the assignee). Ranges are [from, to) UTC instants; a Jakarta month comes from `monthRange`.
 */

export type ActualsKey = `${TargetScope}:${number}`
export const actualsKey = (scope: TargetScope, scopeId: number): ActualsKey => `${scope}:${scopeId}`

const zero = (): Actual => ({ revenue: 0, students: 0, leads: 0 })

/** Enrolments a user may see: Sales/CS those of leads assigned to them or credited to them; everyone else all. */
export function enrollmentScope(user: Pick<SessionUser, 'id' | 'role'>): SQL {
  if (!leadScopeIsOwn(user.role)) return sql`TRUE`
  return or(eq(enrollments.userId, user.id), eq(leads.assignedTo, user.id))!
}

/** Active enrolments in [from, to): the revenue and student figures. */
export function activeEnrollmentsIn(from: Date, to: Date): SQL {
  return and(eq(enrollments.status, 'active'), gte(enrollments.enrolledAt, from), lt(enrollments.enrolledAt, to))!
}

/** Live leads created in [from, to): the lead figure. */
export function leadsCreatedIn(from: Date, to: Date): SQL {
  return and(isNull(leads.deletedAt), gte(leads.createdAt, from), lt(leads.createdAt, to))!
}

export class Actuals {
  constructor(readonly map: Map<ActualsKey, Actual>) {}
  get(scope: TargetScope, scopeId = 0): Actual {
    return this.map.get(actualsKey(scope, scopeId)) ?? zero()
  }
}

/**
 * Real revenue, students and leads of the Jakarta months from..to for every scope at once: overall, each program,
 * channel and user. Two grouped reads, the leads from `lead_month_facts`; `viewer` narrows them to what a
 * Sales/CS user may see.
 */
export async function actualsOfMonths(db: DbOrTx, fromMonth: string, toMonth: string, viewer?: Pick<SessionUser, 'id' | 'role'>): Promise<Actuals> {
  const own = viewer && leadScopeIsOwn(viewer.role)
  const [from, to] = [monthRange(fromMonth)[0], monthRange(toMonth)[1]]
  const enrolledBy = db.select({
    programId: enrollments.programId,
    channelId: enrollments.channelId,
    userId: enrollments.userId,
    students: count(),
    revenue: sql<string>`COALESCE(SUM(${enrollments.amount}), 0)`,
  }).from(enrollments).$dynamic()
  const [enrolled, createdFacts] = await Promise.all([
    // The lead is joined only to narrow a Sales/CS user's scope: for everyone else it costs a primary-key read
    // per enrolment (most of a second for a month at 1M leads) and changes nothing.
    (own ? enrolledBy.innerJoin(leads, eq(leads.id, enrollments.leadId)) : enrolledBy)
      .where(and(activeEnrollmentsIn(from, to), own ? enrollmentScope(viewer) : undefined))
      .groupBy(enrollments.programId, enrollments.channelId, enrollments.userId),
    db.select({ programId: facts.programId, channelId: facts.channelId, userId: facts.assignedTo, leads: leadSum() })
      .from(facts)
      .where(factsCohort(fromMonth, toMonth, {}, { ownerId: own ? viewer.id : null }, []))
      .groupBy(facts.programId, facts.channelId, facts.assignedTo),
  ])
  const created = createdFacts.map(r => ({ programId: keyOf(r.programId), channelId: keyOf(r.channelId), userId: keyOf(r.userId), leads: r.leads }))

  const map = new Map<ActualsKey, Actual>()
  const add = (scope: TargetScope, scopeId: number | null, part: Partial<Actual>) => {
    if (scopeId === null) return
    const key = actualsKey(scope, scopeId)
    const a = map.get(key) ?? zero()
    a.revenue += part.revenue ?? 0
    a.students += part.students ?? 0
    a.leads += part.leads ?? 0
    map.set(key, a)
  }
  for (const r of enrolled) {
    const part = { students: Number(r.students), revenue: Number(r.revenue) }
    add('overall', 0, part)
    add('program', r.programId, part)
    add('channel', r.channelId, part)
    add('user', r.userId, part)
  }
  for (const r of created) {
    const part = { leads: Number(r.leads) }
    add('overall', 0, part)
    add('program', r.programId, part)
    add('channel', r.channelId, part)
    add('user', r.userId, part)
  }
  return new Actuals(map)
}

/** The real figures of a Jakarta month ('YYYY-MM'). */
export function monthActuals(db: DbOrTx, month: string, viewer?: Pick<SessionUser, 'id' | 'role'>): Promise<Actuals> {
  return actualsOfMonths(db, month, month, viewer)
}

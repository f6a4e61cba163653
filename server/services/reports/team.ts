import { and, count, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm'
import { ACTIVITY_TYPES, type ActivityType } from '../../../shared/enums/leads'
import type { ReportQuery } from '../../../shared/schemas/reports'
import type { TeamActivities, TeamData, TeamFigures, TeamMemberRow } from '../../../shared/types/report-team'
import type { TargetFigure } from '../../../shared/types/reports'
import { hours, percent } from '../../../shared/utils/figures'
import { monthRange } from '../../../shared/utils/months'
import { activities, enrollments, leads, pipelineStages, targets, users } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { isOpenLead, workloadPercent } from '../assignment'
import { ASSIGNABLE_ROLES } from '../assignment/pick'
import { activeEnrollmentsIn, leadsCreatedIn } from './actuals'
import { facts, factsCohort, keyOf, leadSum, leadSumIn } from './lead-facts'
import type { ReportViewer } from './scope'

/**
 * Team performance: one row per person (active Admin and Sales/CS users, plus anyone else with figures), with
 * their workload now and what they did in the period. Every figure is one grouped query by person, run side by
 * side; the median time to first response is computed in SQL (window functions), not per lead in JS.
 *
 * The channel and program filters narrow the lead-based figures (the lead's channel and program; an enrolment's
 * own), never the workload: capacity is for all of a person's open leads.
 */

type Range = [Date, Date]
const num = (v: unknown) => Number(v ?? 0)
const byUser = <T>(rows: (T & { userId: number | null })[]) => new Map(rows.map(r => [r.userId!, r]))

interface Slice { ownerId: number | null, channelId?: number, programId?: number }

/** The filters on the leads a figure counts. */
function leadFilter(s: Slice): SQL | undefined {
  return and(
    s.channelId ? eq(leads.channelId, s.channelId) : undefined,
    s.programId ? eq(leads.programId, s.programId) : undefined,
  )
}

/** Leads of someone: the Sales/CS viewer's own, or anyone's. */
const assignee = (s: Slice): SQL => (s.ownerId ? eq(leads.assignedTo, s.ownerId) : isNotNull(leads.assignedTo))

/**
 * Open leads per assignee now, and those of them whose next follow-up is past (narrowed by the filters), in one
 * pass over the open leads.
 */
async function workloadBy(db: DbOrTx, s: Slice, now: Date) {
  const filter = leadFilter(s)
  const overdue = and(lt(leads.nextFollowUpAt, now), filter)!
  const rows = await db.select({ userId: leads.assignedTo, open: count(), overdue: sql<string>`COALESCE(SUM(${overdue}), 0)` }).from(leads)
    .where(and(isOpenLead(db), assignee(s)))
    .groupBy(leads.assignedTo)
  return { open: new Map(rows.map(r => [r.userId!, num(r.open)])), overdue: new Map(rows.map(r => [r.userId!, num(r.overdue)])) }
}

/** Leads created in the period's months per assignee, and how many of them are won now, from the month facts. */
async function newLeadsBy(db: DbOrTx, s: Slice, from: string, to: string) {
  const wonIds = (await db.select({ id: pipelineStages.id }).from(pipelineStages).where(eq(pipelineStages.kind, 'won'))).map(r => r.id)
  const rows = await db.select({ userId: facts.assignedTo, n: leadSum(), won: leadSumIn(wonIds) })
    .from(facts)
    .where(and(factsCohort(from, to, s, { ownerId: s.ownerId }, []), s.ownerId ? undefined : sql`${facts.assignedTo} <> 0`))
    .groupBy(facts.assignedTo)
  return rows.map(r => ({ ...r, userId: keyOf(r.userId) }))
}

/**
 * The median seconds from creation to the first live activity (by anyone) of the period's new leads, per
 * assignee and over all of them (key null): ROW_NUMBER over the sorted times, the middle one or the mean of the
 * middle two, as `median()` in shared/utils/figures.ts. An activity dated before the lead counts as 0. The two
 * rankings sit in two steps: MariaDB 10.11 numbers `ROW_NUMBER() OVER (ORDER BY …)` wrongly when the same SELECT
 * also has a partitioned window. Each person's group carries its share of the team's middle values (sum and
 * count), so the team's median is one division over the groups.
 */
async function firstResponseBy(db: DbOrTx, s: Slice, [start, end]: Range) {
  // A join grouped by lead rather than a subquery per lead: MariaDB runs dependent subqueries slowly.
  const perLead = db.select({
    uid: sql`${leads.assignedTo}`.as('uid'),
    secs: sql`GREATEST(0, TIMESTAMPDIFF(SECOND, ${leads.createdAt}, MIN(${activities.occurredAt})))`.as('secs'),
  }).from(leads)
    .leftJoin(activities, and(eq(activities.leadId, leads.id), isNull(activities.deletedAt)))
    .where(and(leadsCreatedIn(start, end), assignee(s), leadFilter(s)))
    .groupBy(leads.id)
  const middle = (rn: string, n: string) => sql.raw(`${rn} IN (FLOOR((${n} + 1) / 2), FLOOR(${n} / 2) + 1)`)
  const [rows] = await db.execute(sql`
    WITH team AS (SELECT uid, secs, ROW_NUMBER() OVER (ORDER BY secs) AS rn_all, COUNT(*) OVER () AS n_all FROM (${perLead}) p WHERE secs IS NOT NULL),
    person AS (SELECT team.*, ROW_NUMBER() OVER (PARTITION BY uid ORDER BY secs) AS rn, COUNT(*) OVER (PARTITION BY uid) AS n FROM team)
    SELECT uid, MAX(n) AS n,
      AVG(CASE WHEN ${middle('rn', 'n')} THEN secs END) AS med,
      SUM(CASE WHEN ${middle('rn_all', 'n_all')} THEN secs END) AS mid_sum,
      COUNT(CASE WHEN ${middle('rn_all', 'n_all')} THEN 1 END) AS mid_n
    FROM person GROUP BY uid`) as unknown as [{ uid: number, n: unknown, med: unknown, mid_sum: unknown, mid_n: unknown }[]]
  const out = new Map<number | null, { medianSecs: number | null, responded: number }>()
  let midSum = 0
  let midN = 0
  for (const r of rows) {
    out.set(Number(r.uid), { medianSecs: r.med == null ? null : Number(r.med), responded: num(r.n) })
    midSum += num(r.mid_sum)
    midN += num(r.mid_n)
  }
  out.set(null, { medianSecs: midN ? midSum / midN : null, responded: rows.reduce((t, r) => t + num(r.n), 0) })
  return out
}

/**
 * Live activities logged in the period per person and type (deleting a lead deletes its activities). The range
 * index is forced (one person's: by person and time): a month is a tenth of a year's rows, and MariaDB would
 * rather read the whole table.
 */
function activitiesBy(db: DbOrTx, s: Slice, [start, end]: Range) {
  const filtered = !!(s.channelId || s.programId)
  const base = db.select({ userId: activities.userId, type: activities.type, n: count() })
    .from(activities, { forceIndex: s.ownerId ? 'activities_user_idx' : 'activities_occurred_idx' })
  const query = filtered ? base.innerJoin(leads, eq(leads.id, activities.leadId)) : base
  return query.where(and(
    isNull(activities.deletedAt), gte(activities.occurredAt, start), lt(activities.occurredAt, end),
    s.ownerId ? eq(activities.userId, s.ownerId) : isNotNull(activities.userId),
    filtered ? leadFilter(s) : undefined,
  )).groupBy(activities.userId, activities.type)
}

/** Active enrolments in the period per person credited (the enrolment's own channel and program). */
function enrolmentsBy(db: DbOrTx, s: Slice, [start, end]: Range) {
  return db.select({ userId: enrollments.userId, n: count(), amount: sql<string>`COALESCE(SUM(${enrollments.amount}), 0)` })
    .from(enrollments)
    .where(and(
      activeEnrollmentsIn(start, end), s.ownerId ? eq(enrollments.userId, s.ownerId) : isNotNull(enrollments.userId),
      s.channelId ? eq(enrollments.channelId, s.channelId) : undefined,
      s.programId ? eq(enrollments.programId, s.programId) : undefined,
    ))
    .groupBy(enrollments.userId)
}

/** Per-user targets summed over the period's months; a person without any has none (not 0). */
function targetsBy(db: DbOrTx, s: Slice, from: string, to: string) {
  return db.select({
    userId: targets.scopeId,
    revenue: sql<string>`SUM(${targets.revenue})`, students: sql<string>`SUM(${targets.students})`, leads: sql<string>`SUM(${targets.leads})`,
  }).from(targets)
    .where(and(eq(targets.scope, 'user'), gte(targets.month, from), lte(targets.month, to), s.ownerId ? eq(targets.scopeId, s.ownerId) : undefined))
    .groupBy(targets.scopeId)
}

const noActivities = (): TeamActivities => ({ ...Object.fromEntries(ACTIVITY_TYPES.map(t => [t, 0])) as Record<ActivityType, number>, total: 0 })
const figure = (target: number | null, real: number): TargetFigure => ({ target, real, pct: percent(real, target) })

export async function team(db: DbOrTx, viewer: ReportViewer, q: ReportQuery<'team'>, now: Date): Promise<TeamData> {
  const range: Range = [monthRange(q.from)[0], monthRange(q.to)[1]]
  const slice: Slice = { ownerId: viewer.ownerId, channelId: q.channelId, programId: q.programId }
  const targetsApply = !q.channelId && !q.programId
  const [work, created, response, acts, enrolled, targetRows] = await Promise.all([
    workloadBy(db, slice, now),
    newLeadsBy(db, slice, q.from, q.to),
    firstResponseBy(db, slice, range),
    activitiesBy(db, slice, range),
    enrolmentsBy(db, slice, range),
    targetsApply ? targetsBy(db, slice, q.from, q.to) : Promise.resolve([]),
  ])
  const createdBy = byUser(created)
  const enrolledBy = byUser(enrolled)
  const targetOf = byUser(targetRows)
  const actsBy = new Map<number, TeamActivities>()
  for (const a of acts) {
    const row = actsBy.get(a.userId!) ?? noActivities()
    row[a.type] += num(a.n)
    row.total += num(a.n)
    actsBy.set(a.userId!, row)
  }

  // Active Admin and Sales/CS users, and anyone else something in the report is counted for (a Sales/CS user: only themselves).
  const withFigures = new Set<number>([...work.open.keys(), ...createdBy.keys(), ...actsBy.keys(), ...enrolledBy.keys()])
  const people = await db.select({ id: users.id, name: users.name, role: users.role, active: users.active, onLeave: users.onLeave, capacity: users.capacity })
    .from(users)
    .where(viewer.ownerId != null
      ? eq(users.id, viewer.ownerId)
      : or(and(eq(users.active, true), inArray(users.role, [...ASSIGNABLE_ROLES])), withFigures.size ? inArray(users.id, [...withFigures]) : undefined))

  const rows: TeamMemberRow[] = people.map((p) => {
    const openLeads = work.open.get(p.id) ?? 0
    const newLeads = num(createdBy.get(p.id)?.n)
    const won = num(createdBy.get(p.id)?.won)
    const t = targetOf.get(p.id)
    const first = response.get(p.id)
    const e = enrolledBy.get(p.id)
    return {
      userId: p.id, name: p.name, role: p.role, active: p.active, onLeave: p.onLeave,
      openLeads, capacity: p.capacity, workloadPct: workloadPercent(openLeads, p.capacity), overdue: work.overdue.get(p.id) ?? 0,
      newLeads, won, conversionPct: percent(won, newLeads),
      activities: actsBy.get(p.id) ?? noActivities(),
      responded: first?.responded ?? 0, medianResponseHours: hours(first?.medianSecs == null ? null : first.medianSecs * 1000),
      leads: figure(t ? num(t.leads) : null, newLeads),
      students: figure(t ? num(t.students) : null, num(e?.n)),
      ...(viewer.money ? { revenue: figure(t ? num(t.revenue) : null, num(e?.amount)) } : {}),
    }
  })
  const rank = (r: TeamMemberRow) => (viewer.money ? r.revenue!.real : 0)
  rows.sort((a, b) => rank(b) - rank(a) || b.newLeads - a.newLeads || a.name.localeCompare(b.name))
  return { rows, totals: totalsOf(rows, response.get(null)?.medianSecs ?? null, viewer.money), targetsApply }
}

/** A target total over the people who have one (null when nobody has), its % over their real figures only. */
function sumFigure(rows: TeamMemberRow[], pick: (r: TeamMemberRow) => TargetFigure): TargetFigure {
  const withTarget = rows.filter(r => pick(r).target != null)
  const target = withTarget.length ? withTarget.reduce((s, r) => s + pick(r).target!, 0) : null
  const realOfTargeted = withTarget.reduce((s, r) => s + pick(r).real, 0)
  return { target, real: rows.reduce((s, r) => s + pick(r).real, 0), pct: percent(realOfTargeted, target) }
}

function totalsOf(rows: TeamMemberRow[], medianSecs: number | null, money: boolean): TeamFigures {
  const sum = (pick: (r: TeamMemberRow) => number) => rows.reduce((s, r) => s + pick(r), 0)
  const openLeads = sum(r => r.openLeads)
  const capacity = sum(r => r.capacity)
  const newLeads = sum(r => r.newLeads)
  const won = sum(r => r.won)
  const acts = noActivities()
  for (const r of rows) for (const k of [...ACTIVITY_TYPES, 'total'] as const) acts[k] += r.activities[k]
  return {
    openLeads, capacity, workloadPct: workloadPercent(openLeads, capacity), overdue: sum(r => r.overdue),
    newLeads, won, conversionPct: percent(won, newLeads), activities: acts,
    responded: sum(r => r.responded), medianResponseHours: hours(medianSecs == null ? null : medianSecs * 1000),
    leads: sumFigure(rows, r => r.leads), students: sumFigure(rows, r => r.students),
    ...(money ? { revenue: sumFigure(rows, r => r.revenue!) } : {}),
  }
}

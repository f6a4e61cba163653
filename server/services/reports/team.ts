import { and, count, eq, gte, inArray, isNotNull, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm'
import { ACTIVITY_TYPES, type ActivityType } from '../../../shared/enums/leads'
import type { ReportQuery } from '../../../shared/schemas/reports'
import type { TeamActivities, TeamData, TeamFigures, TeamMemberRow } from '../../../shared/types/report-team'
import type { TargetFigure } from '../../../shared/types/reports'
import { hours, percent } from '../../../shared/utils/figures'
import { monthRange } from '../../../shared/utils/months'
import { activityMonthFacts, enrollments, leads, pipelineStages, targets, users } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { workloadPercent } from '../assignment'
import { ASSIGNABLE_ROLES } from '../assignment/pick'
import { activeEnrollmentsIn } from './actuals'
import { firstResponses } from './first-response'
import { factIn, facts, factsCohort, keyOf, leadSum, leadSumIn } from './lead-facts'
import type { ReportViewer } from './scope'

/**
 * Team performance: one row per person (active Admin and Sales/CS users, plus anyone else with figures), with
 * their workload now and what they did in the period. Every figure is one grouped query by person (or two), run side
 * by side, over summaries kept on write where a period's rows would be many: the lead and activity month facts, the
 * leads' first activity (first-response.ts). Nothing is read per lead in JS.
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

/**
 * Open leads per assignee now (all their open leads, from the month facts of every month), and those of them whose
 * next follow-up is past, narrowed by the filters: a range of `leads_assignee_next_idx` (assignee, live, next
 * follow-up, then stage, channel and program: index only) per person with open leads, the only ones who can have any.
 */
async function workloadBy(db: DbOrTx, s: Slice, openIds: number[], now: Date) {
  const open = (await db.select({ userId: facts.assignedTo, n: leadSum() }).from(facts)
    .where(and(factIn(facts.stageId, openIds), s.ownerId ? eq(facts.assignedTo, s.ownerId) : ne(facts.assignedTo, 0)))
    .groupBy(facts.assignedTo)).map(r => ({ userId: Number(r.userId), n: num(r.n) })).filter(r => r.n > 0)
  const people = open.map(r => r.userId)
  const overdue = people.length && openIds.length
    ? await db.select({ userId: leads.assignedTo, n: count() }).from(leads)
        .where(and(inArray(leads.assignedTo, people), isNull(leads.deletedAt), lt(leads.nextFollowUpAt, now), inArray(leads.stageId, openIds), leadFilter(s)))
        .groupBy(leads.assignedTo)
    : []
  return { open: new Map(open.map(r => [r.userId, r.n])), overdue: new Map(overdue.map(r => [r.userId!, num(r.n)])) }
}

/** Leads created in the period's months per assignee, and how many of them are won now, from the month facts. */
async function newLeadsBy(db: DbOrTx, s: Slice, wonIds: number[], from: string, to: string) {
  const rows = await db.select({ userId: facts.assignedTo, n: leadSum(), won: leadSumIn(wonIds) })
    .from(facts)
    .where(and(factsCohort(from, to, s, { ownerId: s.ownerId }, []), s.ownerId ? undefined : sql`${facts.assignedTo} <> 0`))
    .groupBy(facts.assignedTo)
  return rows.map(r => ({ ...r, userId: keyOf(r.userId) }))
}

/**
 * Live activities logged in the period per person and type (deleting a lead deletes its activities), with a
 * channel/program filter those on leads of that channel/program: from `activity_month_facts`, the period being
 * whole Jakarta months.
 */
function activitiesBy(db: DbOrTx, s: Slice, from: string, to: string) {
  const f = activityMonthFacts
  return db.select({ userId: f.userId, type: f.type, n: sql<string>`SUM(${f.activities})` })
    .from(f)
    .where(and(
      from === to ? eq(f.month, from) : and(gte(f.month, from), lte(f.month, to)),
      s.ownerId ? eq(f.userId, s.ownerId) : ne(f.userId, 0),
      s.channelId ? eq(f.channelId, s.channelId) : undefined,
      s.programId ? eq(f.programId, s.programId) : undefined,
    ))
    .groupBy(f.userId, f.type)
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
  const stages = await db.select({ id: pipelineStages.id, kind: pipelineStages.kind }).from(pipelineStages)
  const ofKind = (kind: string) => stages.filter(st => st.kind === kind).map(st => st.id)
  const newLeads = newLeadsBy(db, slice, ofKind('won'), q.from, q.to)
  const [work, created, response, acts, enrolled, targetRows] = await Promise.all([
    workloadBy(db, slice, ofKind('open'), now),
    newLeads,
    newLeads.then((rows) => {
      const people = rows.filter(r => r.userId != null && num(r.n) > 0).map(r => r.userId!)
      // Those with new leads in the period: one index range each, not a scan of everyone's for a Sales/CS user's share.
      return people.length
        ? firstResponses(db, { people, from: q.from, to: q.to, range, channelId: q.channelId, programId: q.programId })
        : new Map([[null, { responded: 0, medianSecs: null }]])
    }),
    activitiesBy(db, slice, q.from, q.to),
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

import { and, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm'
import type { MySqlColumn } from 'drizzle-orm/mysql-core'
import type { SourceType, TargetScope } from '../../../shared/enums/catalog'
import type { TargetFigure } from '../../../shared/types/reports'
import { percent } from '../../../shared/utils/figures'
import { monthRange } from '../../../shared/utils/months'
import { channels, enrollments, leads, pipelineStages, targets } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { activeEnrollmentsIn, leadsCreatedIn } from './actuals'
import type { ReportViewer } from './scope'

/**
 * What the lead reports (programs, leads, conversion) share: the period as an instant range, the cohort of leads
 * a viewer's filters select, a lead's outcome from the kind of its current stage, targets summed over months.
 */

/** [start, end) of a period of Jakarta months, as UTC instants. */
export function periodRange(from: string, to: string): [Date, Date] {
  return [monthRange(from)[0], monthRange(to)[1]]
}

/** The Jakarta month ('YYYY-MM') of a UTC datetime column: WIB is UTC+7 all year. */
export function jakartaMonthOf(column: MySqlColumn): SQL<string> {
  return sql<string>`DATE_FORMAT(${column} + INTERVAL 7 HOUR, '%Y-%m')`
}

/** `column IN (ids)`, and plain FALSE for no ids (MySQL refuses `IN ()`). */
export function inIds(column: MySqlColumn, ids: readonly number[]): SQL {
  return ids.length ? inArray(column, [...ids]) : sql`FALSE`
}

/** 1 when the condition holds, else 0: summed, it counts. */
export function flag(condition: SQL): SQL<number> {
  return sql<number>`SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`
}

export interface Outcomes {
  won: number[]
  lost: number[]
}

/** The stages that close a lead, by kind (inactive ones too: a lead may still sit in one). */
export async function closingStages(db: DbOrTx): Promise<Outcomes> {
  const rows = await db.select({ id: pipelineStages.id, kind: pipelineStages.kind }).from(pipelineStages)
  return { won: rows.filter(r => r.kind === 'won').map(r => r.id), lost: rows.filter(r => r.kind === 'lost').map(r => r.id) }
}

export interface ChannelInfo { id: number, name: string, sourceType: SourceType, active: boolean, sortOrder: number }

export function loadChannelInfo(db: DbOrTx): Promise<ChannelInfo[]> {
  return db.select({ id: channels.id, name: channels.name, sourceType: channels.sourceType, active: channels.active, sortOrder: channels.sortOrder })
    .from(channels)
}

export interface LeadFilter {
  channelId?: number
  programId?: number
  userId?: number
  sourceType?: SourceType
}

/**
 * The leads a report counts: created in [from, to), not in the trash, narrowed by the filters (channel, program
 * of interest, assignee, the channel's source type) and, for Sales/CS, to the leads assigned to them. A person
 * filter on top of a Sales/CS viewer's own scope narrows further (someone else's leads: none).
 */
export function leadCohort(range: [Date, Date], q: LeadFilter, viewer: ReportViewer, channelList: ChannelInfo[]): SQL {
  const ofSource = q.sourceType ? channelList.filter(c => c.sourceType === q.sourceType).map(c => c.id) : null
  return and(
    leadsCreatedIn(...range),
    q.channelId ? eq(leads.channelId, q.channelId) : undefined,
    ofSource ? inIds(leads.channelId, ofSource) : undefined,
    q.programId ? eq(leads.programId, q.programId) : undefined,
    q.userId ? eq(leads.assignedTo, q.userId) : undefined,
    viewer.ownerId != null ? eq(leads.assignedTo, viewer.ownerId) : undefined,
  )!
}

/**
 * The enrolments a report counts as students and revenue: active, enrolled in [from, to), narrowed by the
 * enrolment's channel and the person credited; a Sales/CS viewer gets the enrolments credited to them.
 */
export function enrolmentCohort(range: [Date, Date], q: Pick<LeadFilter, 'channelId' | 'userId'>, viewer: ReportViewer): SQL {
  return and(
    activeEnrollmentsIn(...range),
    q.channelId ? eq(enrollments.channelId, q.channelId) : undefined,
    q.userId ? eq(enrollments.userId, q.userId) : undefined,
    viewer.ownerId != null ? eq(enrollments.userId, viewer.ownerId) : undefined,
  )!
}

export type TargetMetric = 'revenue' | 'students' | 'leads'

/** The targets of one scope over a period: per scope id, per month, the three numbers. */
export async function targetsOver(db: DbOrTx, scope: TargetScope, from: string, to: string): Promise<Map<number, Map<string, Record<TargetMetric, number>>>> {
  const rows = await db.select({ scopeId: targets.scopeId, month: targets.month, revenue: targets.revenue, students: targets.students, leads: targets.leads })
    .from(targets).where(and(eq(targets.scope, scope), gte(targets.month, from), lte(targets.month, to)))
  const out = new Map<number, Map<string, Record<TargetMetric, number>>>()
  for (const r of rows) {
    const months = out.get(r.scopeId) ?? new Map()
    months.set(r.month, { revenue: Number(r.revenue), students: Number(r.students), leads: Number(r.leads) })
    out.set(r.scopeId, months)
  }
  return out
}

/** A real figure with the targets of the months of a period; `targeted` is the real figure of the months that have one. */
export interface Tally { target: number | null, real: number, targeted: number }

/**
 * A real figure against the targets of the months of a period, the way target vs real totals it: the target is
 * the sum over the months that have one (null when none has), and the percentage compares the real figure of
 * those same months, so a month without a target counts neither for nor against it.
 */
export function tallyOver(realByMonth: ReadonlyMap<string, number> | undefined, targetByMonth: ReadonlyMap<string, number> | null | undefined): Tally {
  let real = 0
  for (const v of realByMonth?.values() ?? []) real += v
  if (!targetByMonth?.size) return { target: null, real, targeted: 0 }
  let target = 0
  let targeted = 0
  for (const [month, t] of targetByMonth) {
    target += t
    targeted += realByMonth?.get(month) ?? 0
  }
  return { target, real, targeted }
}

/** The sum of some tallies: the target stays null until one of them has a target. */
export function sumTallies(tallies: readonly Tally[]): Tally {
  return tallies.reduce<Tally>((s, t) => ({
    target: t.target == null ? s.target : (s.target ?? 0) + t.target,
    real: s.real + t.real,
    targeted: s.targeted + t.targeted,
  }), { target: null, real: 0, targeted: 0 })
}

export const asFigure = (t: Tally): TargetFigure => ({ target: t.target, real: t.real, pct: percent(t.targeted, t.target) })

/** One metric of a scope's targets, month by month; null without any. */
export function metricOf(months: ReadonlyMap<string, Record<TargetMetric, number>> | undefined, metric: TargetMetric): Map<string, number> | null {
  if (!months) return null
  return new Map([...months].map(([m, t]) => [m, t[metric]]))
}

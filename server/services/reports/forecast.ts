import { and, count, eq, inArray, sql } from 'drizzle-orm'
import type { ReportQuery } from '../../../shared/schemas/reports'
import type { ForecastBucket, ForecastData, ForecastFigures, ForecastGroupRow } from '../../../shared/types/report-forecast'
import { jakartaMonth } from '../../../shared/utils/months'
import { leads, pipelineStages, programs, users } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { isOpenLead } from '../assignment'
import type { ReportViewer } from './scope'
import { monthsOf } from './target-vs-real'

/**
 * The pipeline forecast: every open lead (the workload's definition: live, in a stage of kind 'open') placed in
 * the Jakarta month it is expected to close, with its expected value and that value weighted by its stage's win
 * probability. A lead without an expected close date falls back to the month of its next follow-up; with neither
 * it is counted under "no date". One grouped query over `leads_forecast_idx`; the buckets are summed from its
 * groups (month × fallback × person × program), never per lead.
 */

/** Raw sums of a set of groups: the weighted sum stays × 100 until it is rounded once, at the end. */
interface Sums { count: number, pipeline: number, weightedX100: number, byFollowUp: number }
const zero = (): Sums => ({ count: 0, pipeline: 0, weightedX100: 0, byFollowUp: 0 })
function add(into: Sums, part: Sums): void {
  into.count += part.count
  into.pipeline += part.pipeline
  into.weightedX100 += part.weightedX100
  into.byFollowUp += part.byFollowUp
}

/**
 * The expected month as YYYYMM: the expected close date's, else the next follow-up's Jakarta month, else NULL. An
 * integer groups faster than a formatted string.
 */
const expectedMonth = sql<number | null>`EXTRACT(YEAR_MONTH FROM COALESCE(${leads.expectedCloseOn}, ${leads.nextFollowUpAt} + INTERVAL 7 HOUR))`
const monthOf = (yyyymm: number) => `${String(yyyymm).slice(0, 4)}-${String(yyyymm).slice(4)}`
const placedByFollowUp = sql<number>`(${leads.expectedCloseOn} IS NULL AND ${leads.nextFollowUpAt} IS NOT NULL)`

export async function forecast(db: DbOrTx, viewer: ReportViewer, q: ReportQuery<'forecast'>, now: Date): Promise<ForecastData> {
  const currentMonth = jakartaMonth(now)
  const months = monthsOf(q.from, q.to)
  const assignee = viewer.ownerId ?? q.userId
  const groups = await db.select({
    month: expectedMonth,
    byFollowUp: placedByFollowUp,
    userId: leads.assignedTo,
    programId: leads.programId,
    count: count(),
    pipeline: sql<string>`COALESCE(SUM(${leads.expectedValue}), 0)`,
    weightedX100: sql<string>`COALESCE(SUM(${leads.expectedValue} * ${pipelineStages.probability}), 0)`,
  }).from(leads)
    .innerJoin(pipelineStages, eq(pipelineStages.id, leads.stageId))
    .where(and(
      isOpenLead(db),
      assignee ? eq(leads.assignedTo, assignee) : undefined,
      q.channelId ? eq(leads.channelId, q.channelId) : undefined,
      q.programId ? eq(leads.programId, q.programId) : undefined,
    ))
    .groupBy(expectedMonth, placedByFollowUp, leads.assignedTo, leads.programId)
    // MariaDB sorts grouped rows unless told not to; the buckets are summed in any order.
    .orderBy(sql`NULL`)

  const inPeriod = new Map(months.map(m => [m, zero()]))
  const pastDue = zero()
  const outside = zero()
  const none = zero()
  const totals = zero()
  const byUser = new Map<number | null, Sums>()
  const byProgram = new Map<number | null, Sums>()
  for (const g of groups) {
    const part: Sums = { count: Number(g.count), pipeline: Number(g.pipeline), weightedX100: Number(g.weightedX100), byFollowUp: Number(g.byFollowUp) ? Number(g.count) : 0 }
    const month = g.month == null ? null : monthOf(Number(g.month))
    const bucket = month == null ? none : month < currentMonth ? pastDue : inPeriod.get(month) ?? outside
    add(bucket, part)
    add(totals, part)
    for (const [map, key] of [[byUser, g.userId], [byProgram, g.programId]] as const) {
      const sums = map.get(key) ?? zero()
      add(sums, part)
      map.set(key, sums)
    }
  }

  const figures = (s: Sums): ForecastFigures => (viewer.money
    ? { count: s.count, pipeline: s.pipeline, weighted: Math.round(s.weightedX100 / 100) }
    : { count: s.count })
  const bucket = (kind: ForecastBucket['kind'], s: Sums, month: string | null = null): ForecastBucket =>
    ({ kind, month, ...figures(s), byFollowUp: s.byFollowUp })
  const period = zero()
  for (const s of inPeriod.values()) add(period, s)

  const [userNames, programNames] = await Promise.all([
    namesOf(db, users, [...byUser.keys()]),
    namesOf(db, programs, [...byProgram.keys()]),
  ])
  const rowsOf = (map: Map<number | null, Sums>, names: Map<number, string>): ForecastGroupRow[] => [...map]
    .map(([id, s]) => ({ id, name: id == null ? null : names.get(id) ?? null, ...figures(s), order: s }))
    // Most weighted value first (most leads for Admin), then by name; the unassigned / no-program row last.
    .sort((a, b) => Number(a.id == null) - Number(b.id == null)
      || (viewer.money ? b.order.weightedX100 - a.order.weightedX100 : 0) || b.count - a.count
      || String(a.name).localeCompare(String(b.name)))
    .map(({ order: _, ...row }) => row)

  return {
    currentMonth,
    buckets: [
      bucket('pastDue', pastDue),
      ...months.map(m => bucket('month', inPeriod.get(m)!, m)),
      bucket('outside', outside),
      bucket('none', none),
    ],
    period: figures(period),
    totals: { ...figures(totals), byFollowUp: totals.byFollowUp },
    byUser: rowsOf(byUser, userNames),
    byProgram: rowsOf(byProgram, programNames),
  }
}

async function namesOf(db: DbOrTx, table: typeof users | typeof programs, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = ids.filter((id): id is number => id != null)
  if (!wanted.length) return new Map()
  const rows = await db.select({ id: table.id, name: table.name }).from(table).where(inArray(table.id, wanted))
  return new Map(rows.map(r => [r.id, r.name]))
}

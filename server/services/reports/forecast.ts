import { and, eq, inArray, sql } from 'drizzle-orm'
import type { ReportQuery } from '../../../shared/schemas/reports'
import type { ForecastBucket, ForecastData, ForecastFigures, ForecastGroupRow } from '../../../shared/types/report-forecast'
import { jakartaMonth } from '../../../shared/utils/months'
import { leadForecastFacts, pipelineStages, programs, users } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { keyOf } from './lead-facts'
import type { ReportViewer } from './scope'
import { monthsOf } from './target-vs-real'

/**
 * The pipeline forecast: every open lead (the workload's definition: live, in a stage of kind 'open') placed in
 * the Jakarta month it is expected to close, with its expected value and that value weighted by its stage's win
 * probability. A lead without an expected close date falls back to the month of its next follow-up; with neither
 * it is counted under "no date". The leads are counted in `lead_forecast_facts` (kept by triggers per stage, person,
 * program, channel, expected month and fallback: server/db/schema/report-facts.ts); one grouped read of the open
 * stages' facts, and the buckets are summed from its groups (month × fallback × person × program), never per lead.
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

/** The expected month YYYYMM (0: no date) as 'YYYY-MM', or null. */
const monthOf = (yyyymm: number) => (yyyymm ? `${String(yyyymm).slice(0, 4)}-${String(yyyymm).slice(4)}` : null)
const facts = leadForecastFacts

export async function forecast(db: DbOrTx, viewer: ReportViewer, q: ReportQuery<'forecast'>, now: Date): Promise<ForecastData> {
  const currentMonth = jakartaMonth(now)
  const months = monthsOf(q.from, q.to)
  const assignee = viewer.ownerId ?? q.userId
  const groups = await db.select({
    month: facts.month,
    byFollowUp: facts.byFollowUp,
    userId: facts.assignedTo,
    programId: facts.programId,
    count: sql<string>`SUM(${facts.leads})`,
    pipeline: sql<string>`SUM(${facts.expectedValue})`,
    // Σ value × probability over a stage's leads is its Σ value × probability: exact, whatever the stage says now.
    weightedX100: sql<string>`SUM(${facts.expectedValue} * ${pipelineStages.probability})`,
  }).from(facts)
    // The open stages now (a stage's kind can change; the facts are kept per stage).
    .innerJoin(pipelineStages, and(eq(pipelineStages.id, facts.stageId), eq(pipelineStages.kind, 'open')))
    .where(and(
      assignee ? eq(facts.assignedTo, assignee) : undefined,
      q.channelId ? eq(facts.channelId, q.channelId) : undefined,
      q.programId ? eq(facts.programId, q.programId) : undefined,
    ))
    .groupBy(facts.month, facts.byFollowUp, facts.assignedTo, facts.programId)
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
    const part: Sums = { count: Number(g.count), pipeline: Number(g.pipeline), weightedX100: Number(g.weightedX100), byFollowUp: g.byFollowUp ? Number(g.count) : 0 }
    const month = monthOf(Number(g.month))
    const bucket = month == null ? none : month < currentMonth ? pastDue : inPeriod.get(month) ?? outside
    add(bucket, part)
    add(totals, part)
    for (const [map, key] of [[byUser, keyOf(g.userId)], [byProgram, keyOf(g.programId)]] as const) {
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

import { and, asc, eq, gte, inArray, isNull, lt, lte, sql, type SQL } from 'drizzle-orm'
import { stageStays, stayMonthFacts } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { countInto, inSnapshot, locateMiddles } from './class-median'
import { inIds, type ChannelInfo, type LeadFilter } from './cohort'

/**
 * The funnel's median stay per stage over a cohort's completed stays (`stage_stays`, kept from the history): the
 * middle stay, or the mean of the middle two, and how many stays it is over.
 *
 * Without a channel, source type or program filter, in two steps that read few rows: `stay_month_facts` counts the
 * period's stays per stage and length class (`bucket`), which says in which class the middle ones fall and at
 * which rank inside it; then only that class's stays are read, sorted, and the one at that rank taken. With those
 * filters (not kept in the facts), one window pass ranks the period's stays of each stage. (`class-median.ts`: both
 * reads in one snapshot.)
 */

export interface StayMedian { ms: number, n: number }
type Period = { from: string, to: string, range: [Date, Date] }

export async function stayMedians(db: DbOrTx, filter: LeadFilter, period: Period, channelList: ChannelInfo[], stageIds: number[]): Promise<Map<number, StayMedian>> {
  if (!stageIds.length) return new Map()
  return filter.channelId || filter.programId || filter.sourceType
    ? rankedMedians(db, filter, period.range, channelList, stageIds)
    : bucketedMedians(db, filter.userId, period, stageIds)
}

async function bucketedMedians(db: DbOrTx, userId: number | undefined, { from, to, range }: Period, stageIds: number[]): Promise<Map<number, StayMedian>> {
  return inSnapshot(db, async (tx) => {
    const counts = await tx.select({ stageId: stayMonthFacts.stageId, bucket: stayMonthFacts.bucket, n: sql<string>`SUM(${stayMonthFacts.stays})` })
      .from(stayMonthFacts)
      .where(and(
        gte(stayMonthFacts.month, from), lte(stayMonthFacts.month, to), inArray(stayMonthFacts.stageId, stageIds),
        userId ? eq(stayMonthFacts.assignedTo, userId) : undefined,
      ))
      .groupBy(stayMonthFacts.stageId, stayMonthFacts.bucket)
    const byStage = new Map<number, Map<number, number>>()
    for (const c of counts) countInto(byStage, c.stageId, c.bucket, Number(c.n))
    const { totals, wanted } = locateMiddles(byStage)
    const values = await Promise.all(wanted.map(w => nthStay(tx, w.key, w.cls, w.k, userId, range)))
    const middles = new Map<number, number[]>()
    wanted.forEach((w, i) => middles.set(w.key, [...middles.get(w.key) ?? [], values[i]!]))
    return new Map([...totals].map(([stageId, n]) => {
      const mid = middles.get(stageId)!
      return [stageId, { ms: mid.reduce((a, b) => a + b, 0) / mid.length, n }]
    }))
  })
}

/** The stay at 1-based `rank` by length among a stage's stays of one class in the period. */
async function nthStay(db: DbOrTx, stageId: number, bucket: number, rank: number, userId: number | undefined, [start, end]: [Date, Date]): Promise<number> {
  const [row] = await db.select({ ms: stageStays.ms }).from(stageStays, { forceIndex: 'stage_stays_bucket_idx' })
    .where(and(
      eq(stageStays.stageId, stageId), eq(stageStays.bucket, bucket), isNull(stageStays.leadDeletedAt),
      gte(stageStays.leadCreatedAt, start), lt(stageStays.leadCreatedAt, end),
      userId ? eq(stageStays.assignedTo, userId) : undefined,
    ))
    .orderBy(asc(stageStays.ms)).limit(1).offset(rank - 1)
  // The facts and the stays are kept in the same statements: a rank the facts give is always there.
  if (!row) throw new Error(`stage_stays and stay_month_facts disagree (stage ${stageId}, class ${bucket}, rank ${rank})`)
  return Number(row.ms)
}

async function rankedMedians(db: DbOrTx, filter: LeadFilter, [start, end]: [Date, Date], channelList: ChannelInfo[], stageIds: number[]): Promise<Map<number, StayMedian>> {
  const ofSource = filter.sourceType ? channelList.filter(c => c.sourceType === filter.sourceType).map(c => c.id) : null
  const cohort: SQL = and(
    inIds(stageStays.stageId, stageIds),
    isNull(stageStays.leadDeletedAt), gte(stageStays.leadCreatedAt, start), lt(stageStays.leadCreatedAt, end),
    filter.channelId ? eq(stageStays.channelId, filter.channelId) : undefined,
    ofSource ? inIds(stageStays.channelId, ofSource) : undefined,
    filter.programId ? eq(stageStays.programId, filter.programId) : undefined,
    filter.userId ? eq(stageStays.assignedTo, filter.userId) : undefined,
  )!
  const [rows] = await db.execute(sql`
    SELECT stage_id AS stageId, AVG(ms) AS ms, MAX(n) AS n FROM (
      SELECT ${stageStays.stageId} AS stage_id, ${stageStays.ms} AS ms,
        ROW_NUMBER() OVER (PARTITION BY ${stageStays.stageId} ORDER BY ${stageStays.ms}) AS rn,
        COUNT(*) OVER (PARTITION BY ${stageStays.stageId}) AS n
      FROM ${stageStays} FORCE INDEX (stage_stays_cohort_idx)
      WHERE ${cohort}
    ) ranked
    WHERE rn IN (FLOOR((n + 1) / 2), CEIL((n + 1) / 2))
    GROUP BY stage_id
  `) as unknown as [{ stageId: number, ms: number | string, n: number | string }[]]
  return new Map(rows.map(r => [Number(r.stageId), { ms: Number(r.ms), n: Number(r.n) }]))
}

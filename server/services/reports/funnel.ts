import { and, eq, gte, isNull, lt, sql, type SQL } from 'drizzle-orm'
import type { ReportQuery } from '../../../shared/schemas/reports'
import type { FunnelData, FunnelReportStep } from '../../../shared/types/report-funnel'
import { days, percent } from '../../../shared/utils/figures'
import type { DbOrTx } from '../../utils/db'
import { stageStays } from '../../db/schema'
import { inIds, leadCohort, loadChannelInfo, periodRange, type ChannelInfo, type LeadFilter } from './cohort'
import { factsCohort } from './lead-facts'
import type { ReportViewer } from './scope'
import { loadStages, openRanks, reachSteps, stageReach, type StageRow } from './stage-reach'

/**
 * The funnel of the leads created in the period (the cohort): how many reached each step (the dashboard's reach
 * rule, `stage-reach.ts`), the conversion and drop-off between steps, where the cohort's lost leads were when
 * they were lost, and the median time a stay in each stage lasted. Three queries over the cohort, in parallel.
 */

const ids = (values: number[]) => sql.join(values.map(v => sql`${v}`), sql`, `)

/**
 * Per open stage: the cohort's leads now lost whose last open stage (the latest history row into an open stage)
 * was that one.
 */
async function lostAt(db: DbOrTx, cohort: SQL, stages: StageRow[]): Promise<Map<number, number>> {
  const openIds = stages.filter(s => s.kind === 'open').map(s => s.id)
  const lostIds = stages.filter(s => s.kind === 'lost').map(s => s.id)
  if (!openIds.length || !lostIds.length) return new Map()
  const [rows] = await db.execute(sql`
    SELECT stage_id AS stageId, COUNT(*) AS n FROM (
      SELECT lead_stage_history.to_stage_id AS stage_id,
        ROW_NUMBER() OVER (PARTITION BY lead_stage_history.lead_id ORDER BY lead_stage_history.changed_at DESC, lead_stage_history.id DESC) AS rn
      FROM lead_stage_history INNER JOIN leads ON leads.id = lead_stage_history.lead_id
      WHERE ${cohort} AND leads.stage_id IN (${ids(lostIds)}) AND lead_stage_history.to_stage_id IN (${ids(openIds)})
    ) last_open
    WHERE rn = 1
    GROUP BY stage_id
  `) as unknown as [{ stageId: number, n: number | string }[]]
  return new Map(rows.map(r => [Number(r.stageId), Number(r.n)]))
}

/**
 * Per stage: the median length of the cohort's completed stays in it. A stay runs from the history row that
 * entered the stage to the lead's next history row (forward, back, won or lost); a lead still in the stage has
 * no completed stay there and is left out. The stays are kept in `stage_stays` with their lead's cohort keys, so a
 * period's stays of a stage are one range of `stage_stays_cohort_idx`. The median is the middle stay (the mean of
 * the middle two), picked with window functions so only one or two rows per stage leave the database.
 */
async function medianStays(db: DbOrTx, filter: LeadFilter, range: [Date, Date], channelList: ChannelInfo[], stageIds: number[]): Promise<Map<number, { ms: number, n: number }>> {
  if (!stageIds.length) return new Map()
  const ofSource = filter.sourceType ? channelList.filter(c => c.sourceType === filter.sourceType).map(c => c.id) : null
  const cohort = and(
    inIds(stageStays.stageId, stageIds),
    isNull(stageStays.leadDeletedAt), gte(stageStays.leadCreatedAt, range[0]), lt(stageStays.leadCreatedAt, range[1]),
    filter.channelId ? eq(stageStays.channelId, filter.channelId) : undefined,
    ofSource ? inIds(stageStays.channelId, ofSource) : undefined,
    filter.programId ? eq(stageStays.programId, filter.programId) : undefined,
    filter.userId ? eq(stageStays.assignedTo, filter.userId) : undefined,
  )
  const [rows] = await db.execute(sql`
    SELECT stage_id AS stageId, AVG(ms) AS ms, MAX(n) AS n FROM (
      SELECT ${stageStays.stageId} AS stage_id, ${stageStays.ms} AS ms,
        ROW_NUMBER() OVER (PARTITION BY ${stageStays.stageId} ORDER BY ${stageStays.ms}) AS rn,
        COUNT(*) OVER (PARTITION BY ${stageStays.stageId}) AS n
      FROM ${stageStays}
      WHERE ${cohort}
    ) ranked
    WHERE rn IN (FLOOR((n + 1) / 2), CEIL((n + 1) / 2))
    GROUP BY stage_id
  `) as unknown as [{ stageId: number, ms: number | string, n: number | string }[]]
  return new Map(rows.map(r => [Number(r.stageId), { ms: Number(r.ms), n: Number(r.n) }]))
}

export async function funnelReport(db: DbOrTx, viewer: ReportViewer, q: ReportQuery<'funnel'>): Promise<FunnelData> {
  const [stages, channelList] = await Promise.all([loadStages(db), loadChannelInfo(db)])
  const openSteps = stages.filter(s => s.active && s.kind === 'open')
  // The cohort: live leads created in the period, narrowed by the filters; a Sales/CS user's own leads only.
  const filter = { channelId: q.channelId, programId: q.programId, userId: viewer.ownerId ?? q.userId ?? undefined, sourceType: q.sourceType }
  const range = periodRange(q.from, q.to)
  const cohort = leadCohort(range, filter, { ...viewer, ownerId: null }, channelList)
  const reachOf = factsCohort(q.from, q.to, filter, { ownerId: null }, channelList)
  const [reach, lostBy, medians] = await Promise.all([
    stageReach(db, reachOf, stages),
    lostAt(db, cohort, stages),
    medianStays(db, filter, range, channelList, openSteps.map(s => s.id)),
  ])

  // A lead lost from an inactive open stage is counted where it last was on the board: the last step before it.
  const ranks = openRanks(stages)
  const lostAtStep = new Map(openSteps.map(s => [s.id, 0]))
  for (const [stageId, n] of lostBy) {
    const rank = ranks.get(stageId)!
    const step = openSteps.findLast(s => ranks.get(s.id)! <= rank)
    if (step) lostAtStep.set(step.id, lostAtStep.get(step.id)! + n)
  }

  const counted = reachSteps(stages, reach)
  const first = counted[0]?.count ?? 0
  const steps: FunnelReportStep[] = counted.map(({ stage, count }, i) => {
    const previous = i ? counted[i - 1]!.count : null
    const dropOff = previous == null ? null : previous - count
    const median = stage.kind === 'open' ? medians.get(stage.id) : undefined
    return {
      stageId: stage.id, code: stage.code, name: stage.name, kind: stage.kind === 'won' ? 'won' : 'open',
      count,
      pct: percent(count, first),
      conversion: previous == null ? null : percent(count, previous),
      dropOff,
      dropOffPct: dropOff == null ? null : percent(dropOff, previous),
      lost: stage.kind === 'open' ? lostAtStep.get(stage.id) ?? 0 : null,
      medianDays: median ? days(median.ms) : null,
      stays: median?.n ?? 0,
    }
  })
  const lost = reach.reduce((n, r) => n + (r.lost ? r.n : 0), 0)
  const attributed = [...lostAtStep.values()].reduce((a, b) => a + b, 0)
  return {
    leads: reach.reduce((n, r) => n + r.n, 0),
    steps,
    lost,
    lostElsewhere: lost - attributed,
  }
}

import { sql, type SQL } from 'drizzle-orm'
import type { ReportQuery } from '../../../shared/schemas/reports'
import type { FunnelData, FunnelReportStep } from '../../../shared/types/report-funnel'
import { days, percent } from '../../../shared/utils/figures'
import type { DbOrTx } from '../../utils/db'
import { leadCohort, loadChannelInfo, periodRange } from './cohort'
import { factsCohort } from './lead-facts'
import type { ReportViewer } from './scope'
import { stayMedians } from './stay-medians'
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
    stayMedians(db, filter, { from: q.from, to: q.to, range }, channelList, openSteps.map(s => s.id)),
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

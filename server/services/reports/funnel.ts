import { and, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { ReportQuery } from '../../../shared/schemas/reports'
import type { FunnelData, FunnelReportStep } from '../../../shared/types/report-funnel'
import { days, percent } from '../../../shared/utils/figures'
import { monthRange } from '../../../shared/utils/months'
import { channels, leads } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { leadsCreatedIn } from './actuals'
import { loadChannelInfo } from './cohort'
import { factsCohort } from './lead-facts'
import type { ReportViewer } from './scope'
import { loadStages, openRanks, reachSteps, stageReach, type StageRow } from './stage-reach'

/**
 * The funnel of the leads created in the period (the cohort): how many reached each step (the dashboard's reach
 * rule, `stage-reach.ts`), the conversion and drop-off between steps, where the cohort's lost leads were when
 * they were lost, and the median time a stay in each stage lasted. Three queries over the cohort, in parallel.
 */

const ids = (values: number[]) => sql.join(values.map(v => sql`${v}`), sql`, `)

/** The cohort: live leads created in the period, narrowed by the filters; a Sales/CS user's own leads only. */
async function cohortOf(db: DbOrTx, viewer: ReportViewer, q: ReportQuery<'funnel'>): Promise<SQL> {
  const [start] = monthRange(q.from)
  const [, end] = monthRange(q.to)
  const assignee = viewer.ownerId ?? q.userId
  let sourceChannels: number[] | undefined
  if (q.sourceType) {
    sourceChannels = (await db.select({ id: channels.id }).from(channels).where(eq(channels.sourceType, q.sourceType))).map(c => c.id)
  }
  return and(
    leadsCreatedIn(start, end),
    q.channelId ? eq(leads.channelId, q.channelId) : undefined,
    q.programId ? eq(leads.programId, q.programId) : undefined,
    assignee ? eq(leads.assignedTo, assignee) : undefined,
    sourceChannels ? (sourceChannels.length ? inArray(leads.channelId, sourceChannels) : sql`FALSE`) : undefined,
  )!
}

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
 * no completed stay there and is left out. The median is the middle stay (the mean of the middle two), picked
 * with window functions so only one or two rows per stage leave the database.
 */
async function medianStays(db: DbOrTx, cohort: SQL, stageIds: number[]): Promise<Map<number, { ms: number, n: number }>> {
  if (!stageIds.length) return new Map()
  const [rows] = await db.execute(sql`
    SELECT stage_id AS stageId, AVG(ms) AS ms, MAX(n) AS n FROM (
      SELECT stage_id, ms,
        ROW_NUMBER() OVER (PARTITION BY stage_id ORDER BY ms) AS rn,
        COUNT(*) OVER (PARTITION BY stage_id) AS n
      FROM (
        SELECT lead_stage_history.to_stage_id AS stage_id,
          TIMESTAMPDIFF(MICROSECOND, lead_stage_history.changed_at,
            LEAD(lead_stage_history.changed_at) OVER (PARTITION BY lead_stage_history.lead_id ORDER BY lead_stage_history.changed_at, lead_stage_history.id)) / 1000 AS ms
        FROM lead_stage_history INNER JOIN leads ON leads.id = lead_stage_history.lead_id
        WHERE ${cohort}
      ) stays
      WHERE ms IS NOT NULL AND stage_id IN (${ids(stageIds)})
    ) ranked
    WHERE rn IN (FLOOR((n + 1) / 2), CEIL((n + 1) / 2))
    GROUP BY stage_id
  `) as unknown as [{ stageId: number, ms: number | string, n: number | string }[]]
  return new Map(rows.map(r => [Number(r.stageId), { ms: Number(r.ms), n: Number(r.n) }]))
}

export async function funnelReport(db: DbOrTx, viewer: ReportViewer, q: ReportQuery<'funnel'>): Promise<FunnelData> {
  const [stages, cohort] = await Promise.all([loadStages(db), cohortOf(db, viewer, q)])
  const openSteps = stages.filter(s => s.active && s.kind === 'open')
  const assignee = viewer.ownerId ?? q.userId
  const reachOf = factsCohort(q.from, q.to, { channelId: q.channelId, programId: q.programId, userId: assignee ?? undefined, sourceType: q.sourceType }, { ownerId: null }, await loadChannelInfo(db))
  const [reach, lostBy, medians] = await Promise.all([
    stageReach(db, reachOf, stages),
    lostAt(db, cohort, stages),
    medianStays(db, cohort, openSteps.map(s => s.id)),
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

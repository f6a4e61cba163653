import { asc, count, eq, sql, type SQL } from 'drizzle-orm'
import type { StageKind } from '../../../shared/enums/catalog'
import { leads, leadStageHistory, pipelineStages } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'

/**
 * How far a cohort of leads got through the pipeline: the reach rule of the dashboard's funnel
 * (docs/dashboard.md), for any set of leads. A lead counts in a step when its stage history or its current stage
 * reached that open stage or a later one, or any won stage (a won lead passed every step); lost leads count up to
 * where they got. (server/services/dashboard/queries.ts `funnelReach` is the same rule for one month and owner.)
 */

export interface StageRow { id: number, code: string, name: string, kind: StageKind, position: number, active: boolean }

/** Every stage in board order (inactive ones too: a lead may have passed through them). */
export function loadStages(db: DbOrTx): Promise<StageRow[]> {
  return db.select({ id: pipelineStages.id, code: pipelineStages.code, name: pipelineStages.name, kind: pipelineStages.kind, position: pipelineStages.position, active: pipelineStages.active })
    .from(pipelineStages).orderBy(asc(pipelineStages.position), asc(pipelineStages.id))
}

/** The open stages' rank in board order, 1 = the first: how far a lead got. */
export function openRanks(stages: StageRow[]): Map<number, number> {
  return new Map(stages.filter(s => s.kind === 'open').map((s, i) => [s.id, i + 1]))
}

/** A CASE over stage ids, so no join to the stages table is needed. */
function stageCase(column: SQL | typeof leads.stageId | typeof leadStageHistory.toStageId, values: Map<number, number>): SQL {
  if (!values.size) return sql`0`
  return sql`(CASE ${column} ${sql.join([...values].map(([id, v]) => sql`WHEN ${id} THEN ${v}`), sql` `)} ELSE 0 END)`
}

export interface Reach {
  /** The furthest open stage reached, as its rank (0: none). */
  rank: number
  /** Reached a won stage at some point. */
  won: boolean
  /** Now in a lost stage. */
  lost: boolean
  n: number
}

/** The cohort's leads counted per (furthest open rank, ever won, now lost): one grouped pass over leads ⋈ history. */
export async function stageReach(db: DbOrTx, cohort: SQL, stages: StageRow[]): Promise<Reach[]> {
  const ranks = openRanks(stages)
  const won = new Map(stages.filter(s => s.kind === 'won').map(s => [s.id, 1]))
  const lost = new Map(stages.filter(s => s.kind === 'lost').map(s => [s.id, 1]))
  const perLead = db.select({
    rank: sql<number>`GREATEST(COALESCE(MAX(${stageCase(leadStageHistory.toStageId, ranks)}), 0), ${stageCase(leads.stageId, ranks)})`.as('rank'),
    won: sql<number>`GREATEST(COALESCE(MAX(${stageCase(leadStageHistory.toStageId, won)}), 0), ${stageCase(leads.stageId, won)})`.as('won'),
    lost: sql<number>`${stageCase(leads.stageId, lost)}`.as('lost'),
  }).from(leads)
    .leftJoin(leadStageHistory, eq(leadStageHistory.leadId, leads.id))
    .where(cohort)
    .groupBy(leads.id)
    .as('per_lead')
  const rows = await db.select({ rank: perLead.rank, won: perLead.won, lost: perLead.lost, n: count() })
    .from(perLead).groupBy(perLead.rank, perLead.won, perLead.lost)
  return rows.map(r => ({ rank: Number(r.rank), won: Number(r.won) === 1, lost: Number(r.lost) === 1, n: Number(r.n) }))
}

export interface ReachStep { stage: StageRow, count: number }

/** One step per active open stage in board order, then the (first active) won stage, with how many reached it. */
export function reachSteps(stages: StageRow[], reach: Reach[]): ReachStep[] {
  const ranks = openRanks(stages)
  const steps = stages.filter(s => s.active && s.kind === 'open').map(stage => ({
    stage, count: reach.reduce((n, r) => n + (r.won || r.rank >= ranks.get(stage.id)! ? r.n : 0), 0),
  }))
  const won = stages.find(s => s.active && s.kind === 'won') ?? stages.find(s => s.kind === 'won')
  if (won) steps.push({ stage: won, count: reach.reduce((n, r) => n + (r.won ? r.n : 0), 0) })
  return steps
}

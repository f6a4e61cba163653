import { asc, type SQL } from 'drizzle-orm'
import type { StageKind } from '../../../shared/enums/catalog'
import { pipelineStages } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { facts, leadSum, stagesOf } from './lead-facts'

/**
 * How far a cohort of leads got through the pipeline: the reach rule of the dashboard's funnel
 * (docs/dashboard.md), for any set of leads. A lead counts in a step when its stage history or its current stage
 * reached that open stage or a later one, or any won stage (a won lead passed every step); lost leads count up to
 * where they got. (server/services/dashboard/queries.ts `funnelReach` is the same rule for one month and owner,
 * in board positions.)
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

export interface Reach {
  /** The furthest open stage reached, as its rank (0: none). */
  rank: number
  /** Reached a won stage at some point. */
  won: boolean
  /** Now in a lost stage. */
  lost: boolean
  n: number
}

/**
 * The cohort's leads counted per (furthest open rank, ever won, now lost), from the month facts: each facts row
 * names the leads' current stage and every stage they have been in (`leads.stages_reached`, their history and
 * their current stage), so the rule runs over a few hundred groups in JS, whatever the board order is now.
 */
export async function stageReach(db: DbOrTx, factsWhere: SQL, stages: StageRow[]): Promise<Reach[]> {
  const ranks = openRanks(stages)
  const won = new Set(stages.filter(s => s.kind === 'won').map(s => s.id))
  const lost = new Set(stages.filter(s => s.kind === 'lost').map(s => s.id))
  const rows = await db.select({ stageId: facts.stageId, reached: facts.reached, n: leadSum() }).from(facts)
    .where(factsWhere).groupBy(facts.stageId, facts.reached)
  const counted = new Map<string, Reach>()
  for (const r of rows) {
    const been = [r.stageId, ...stagesOf(r.reached)]
    const reach = { rank: Math.max(0, ...been.map(id => ranks.get(id) ?? 0)), won: been.some(id => won.has(id)), lost: lost.has(r.stageId), n: 0 }
    const key = `${reach.rank}|${reach.won}|${reach.lost}`
    const c = counted.get(key) ?? counted.set(key, reach).get(key)!
    c.n += Number(r.n)
  }
  return [...counted.values()]
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

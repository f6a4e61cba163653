import { leadStageHistory, type Lead, type PipelineStage } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'

/** What else changes when a lead enters a stage. The pipeline board and bulk actions go through here too. */
export function stageEffects(to: Pick<PipelineStage, 'id' | 'kind'>, now: Date, lostReason?: string | null): Partial<Lead> {
  if (to.kind === 'open') return { stageId: to.id, closedAt: null, lostReason: null }
  // A closed lead is done with: no follow-up left to remind anyone of.
  return {
    stageId: to.id,
    closedAt: now,
    lostReason: to.kind === 'lost' ? (lostReason ?? null) : null,
    followUpStatus: 'done',
    nextFollowUpAt: null,
  }
}

export interface StageMove { leadId: number, fromStageId: number | null, toStageId: number }

/** One lead_stage_history row per move: the funnel, conversion and time-in-stage are computed from these. */
export async function recordStageMoves(tx: DbOrTx, moves: StageMove[], userId: number | null, at: Date): Promise<void> {
  if (!moves.length) return
  await tx.insert(leadStageHistory).values(moves.map(m => ({ ...m, changedBy: userId, changedAt: at })))
}

import { createError } from 'h3'
import { eq } from 'drizzle-orm'
import type { PipelineMoveInput } from '../../../shared/schemas/pipeline-move'
import type { PipelineMoveResult } from '../../../shared/types/board'
import { activities, leads } from '../../db/schema'
import type { Database } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { audit } from '../audit'
import { notifyLeadChanged } from '../followups/changed'
import { syncFollowUpReminder } from '../followups/reminder'
import type { SessionUser } from '../auth/sessions'
import { insertEnrollment } from '../enrollments/write'
import { invalidateLeadCounts } from '../leads/counts'
import { lockLead } from '../leads/read'
import { checkReferences } from '../leads/references'
import { auditSnapshot } from '../leads/serialize'
import { recordStageMoves, stageEffects } from '../leads/stage'
import { invalidateBoardSums } from './board'

function fieldErrors(errors: Record<string, string[]>) {
  return createError({ statusCode: 400, statusMessage: 'Validation Error', message: 'Periksa kembali isian Anda.', data: { fieldErrors: errors, formErrors: [] } })
}

/**
 * A card dragged to another column. The same rules as a stage change through PATCH /api/leads/:id (stage
 * history, closedAt, audit, one transaction), plus what the board asks for: a won stage needs the program and
 * amount and creates the enrolment; a lost stage needs a reason from the list. Out of scope is a 404.
 */
export async function moveLead(db: Database, user: SessionUser, input: PipelineMoveInput, meta: RequestMeta): Promise<PipelineMoveResult> {
  let wrote = false
  const result = await db.transaction(async (tx) => {
    const before = await lockLead(tx, user, input.leadId)
    const { stage } = await checkReferences(tx, { stageId: input.stageId })
    if (!stage) throw fieldErrors({ stageId: ['Tahap tidak ditemukan atau tidak aktif'] })
    if (stage.id === before.stageId) return { leadId: before.id, stageId: stage.id, enrollmentId: null }

    const missing: Record<string, string[]> = {}
    if (stage.kind === 'won') {
      if (!input.programId) missing.programId = ['Pilih program']
      if (!input.amount) missing.amount = ['Masukkan nominal']
    }
    if (stage.kind === 'lost' && !input.lostReason) missing.lostReason = ['Pilih alasan']
    if (Object.keys(missing).length) throw fieldErrors(missing)
    if (stage.kind === 'won') await checkReferences(tx, { programId: input.programId })

    const now = new Date()
    const lostReason = stage.kind === 'lost' ? input.lostReason! : null
    await tx.update(leads).set({ ...stageEffects(stage, now, lostReason), updatedAt: now }).where(eq(leads.id, before.id))
    await recordStageMoves(tx, [{ leadId: before.id, fromStageId: before.stageId, toStageId: stage.id }], user.id, now)

    if (lostReason && input.lostNote)
      await tx.insert(activities).values({ leadId: before.id, userId: user.id, type: 'note', outcome: 'lost', notes: input.lostNote, occurredAt: now })

    let enrollmentId: number | null = null
    if (stage.kind === 'won')
      enrollmentId = await insertEnrollment(tx, user, meta, before, { programId: input.programId!, amount: input.amount!, enrolledAt: now })

    const [after] = await tx.select().from(leads).where(eq(leads.id, before.id))
    await audit(tx, user, meta, { action: 'update', entity: 'lead', entityId: before.id, before: auditSnapshot(before), after: auditSnapshot(after!) })
    await syncFollowUpReminder(tx, after!)
    await notifyLeadChanged(tx, user, [before], ['stageId'])
    wrote = true
    return { leadId: before.id, stageId: stage.id, enrollmentId }
  })
  if (wrote) {
    invalidateLeadCounts()
    invalidateBoardSums()
  }
  return result
}

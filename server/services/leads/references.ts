import { createError } from 'h3'
import { and, asc, eq } from 'drizzle-orm'
import { channels, pipelineStages, programs, users, type PipelineStage, type Program } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'

export interface ReferenceInput {
  channelId?: number | null
  programId?: number | null
  stageId?: number
  assignedTo?: number | null
}

export interface References {
  stage?: PipelineStage
  program?: Program | null
}

/**
 * Every id the input points at must exist (and a stage, channel, program or assignee newly set must be active):
 * otherwise a 400 naming the fields, never a foreign-key error surfacing as a 500. Pass only the ids that change.
 */
export async function checkReferences(db: DbOrTx, input: ReferenceInput): Promise<References> {
  const errors: Record<string, string[]> = {}
  const out: References = {}
  const [channel, program, stage, assignee] = await Promise.all([
    input.channelId ? db.select({ active: channels.active }).from(channels).where(eq(channels.id, input.channelId)).then(r => r[0]) : null,
    input.programId ? db.select().from(programs).where(eq(programs.id, input.programId)).then(r => r[0]) : null,
    input.stageId ? db.select().from(pipelineStages).where(eq(pipelineStages.id, input.stageId)).then(r => r[0]) : null,
    input.assignedTo ? db.select({ active: users.active }).from(users).where(eq(users.id, input.assignedTo)).then(r => r[0]) : null,
  ])
  if (input.channelId && !channel?.active) errors.channelId = ['Kanal tidak ditemukan atau tidak aktif']
  if (input.programId && !program?.active) errors.programId = ['Program tidak ditemukan atau tidak aktif']
  if (input.stageId && !stage?.active) errors.stageId = ['Tahap tidak ditemukan atau tidak aktif']
  if (input.assignedTo && !assignee?.active) errors.assignedTo = ['Pengguna tidak ditemukan atau tidak aktif']
  if (Object.keys(errors).length)
    throw createError({ statusCode: 400, statusMessage: 'Validation Error', message: 'Periksa kembali isian Anda.', data: { fieldErrors: errors, formErrors: [] } })
  if (stage) out.stage = stage
  if (input.programId !== undefined) out.program = program ?? null
  return out
}

/** Where a new lead starts: the first active open stage of the pipeline. */
export async function defaultStage(db: DbOrTx): Promise<PipelineStage> {
  const [stage] = await db.select().from(pipelineStages)
    .where(and(eq(pipelineStages.kind, 'open'), eq(pipelineStages.active, true)))
    .orderBy(asc(pipelineStages.position), asc(pipelineStages.id))
    .limit(1)
  if (!stage)
    throw createError({ statusCode: 400, statusMessage: 'Validation Error', message: 'Belum ada tahap pipeline yang terbuka.', data: { fieldErrors: { stageId: ['Pilih tahap'] }, formErrors: [] } })
  return stage
}

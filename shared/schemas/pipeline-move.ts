import { z } from 'zod'
import { LOST_REASONS } from '../enums/leads'
import { leadListQuerySchema, MAX_RUPIAH } from './leads'

/*
 * Lost reasons (shared/enums/leads.ts): leads.lost_reason stores the code, so reports can group by it; an
 * optional note is kept as a 'note' activity on the lead's timeline.
 */

const id = (message: string) => z.number({ error: message }).int(message).positive(message)

/** Which stage kind the target is, is known only on the server, so the won/lost fields are checked there too. */
export const pipelineMoveSchema = z.object({
  leadId: id('Prospek tidak valid'),
  stageId: id('Pilih tahap'),
  lostReason: z.enum(LOST_REASONS, { error: 'Pilih alasan' }).optional(),
  lostNote: z.string().trim().max(200, 'Maksimal 200 karakter').optional(),
  programId: id('Pilih program').optional(),
  amount: z.number({ error: 'Masukkan nominal' }).int('Rupiah tanpa desimal').positive('Nominal harus lebih dari 0').max(MAX_RUPIAH).optional(),
})
export type PipelineMoveInput = z.output<typeof pipelineMoveSchema>

/** The won modal's form. */
export const pipelineWonSchema = z.object({
  programId: id('Pilih program'),
  amount: z.number({ error: 'Masukkan nominal' }).int('Rupiah tanpa desimal').positive('Nominal harus lebih dari 0').max(MAX_RUPIAH),
})
export type PipelineWonInput = z.output<typeof pipelineWonSchema>

/** The lost modal's form. */
export const pipelineLostSchema = z.object({
  lostReason: z.enum(LOST_REASONS, { error: 'Pilih alasan' }),
  lostNote: z.string().trim().max(200, 'Maksimal 200 karakter').optional(),
})
export type PipelineLostInput = z.output<typeof pipelineLostSchema>

/** The board takes the leads table's filters (page, size and sort do not apply) plus its own paging. */
export const pipelineBoardQuerySchema = leadListQuerySchema.and(z.object({
  perColumn: z.coerce.number().int().min(1).max(200).default(50),
  /** Load more of one column: its stage id and the cursor its last page answered. */
  stageId: z.coerce.number().int().positive().optional(),
  cursor: z.string().max(100).regex(/^\d+_\d+$/, 'Kursor tidak valid').optional(),
}))
export type PipelineBoardQuery = z.output<typeof pipelineBoardQuerySchema>

export const pipelineSettingsSchema = z.object({
  staleDays: z.number({ error: 'Masukkan angka' }).int('Bilangan bulat').min(1, 'Minimal 1 hari').max(365, 'Maksimal 365 hari'),
})
export type PipelineSettingsInput = z.output<typeof pipelineSettingsSchema>

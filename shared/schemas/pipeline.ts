import { z } from 'zod'
import { STAGE_COLORS, STAGE_KINDS } from '../enums/catalog'

/** One source for the stage form and the stages API. */

const stageFields = {
  name: z.string({ error: 'Nama tahap wajib diisi' }).trim().min(2, 'Minimal 2 karakter').max(80, 'Maksimal 80 karakter'),
  kind: z.enum(STAGE_KINDS, { error: 'Pilih jenis tahap' }),
  probability: z.number({ error: 'Masukkan angka 0–100' }).int('Tanpa desimal').min(0, 'Minimal 0').max(100, 'Maksimal 100'),
  color: z.enum(STAGE_COLORS, { error: 'Warna tidak dikenal' }),
}

export const stageCreateSchema = z.object({ ...stageFields, color: stageFields.color.default('neutral') })
export type StageCreateInput = z.output<typeof stageCreateSchema>

export const stageUpdateSchema = z.object({ ...stageFields, active: z.boolean() })
  .partial()
  .refine(v => Object.keys(v).length > 0, 'Tidak ada perubahan')
export type StageUpdateInput = z.output<typeof stageUpdateSchema>

/** The new order: every active stage id, once, first to last. */
export const stageReorderSchema = z.object({
  ids: z.array(z.number().int().positive(), { error: 'Daftar id tahap wajib diisi' })
    .min(1, 'Daftar id tahap wajib diisi')
    .max(200)
    .refine(ids => new Set(ids).size === ids.length, 'Setiap tahap hanya boleh muncul sekali'),
})
export type StageReorderInput = z.output<typeof stageReorderSchema>

export const stageListQuerySchema = z.object({
  active: z.enum(['true', 'false']).transform(v => v === 'true').optional(),
})

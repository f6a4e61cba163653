import { z } from 'zod'
import { MONTH_PATTERN } from '../utils/months'
import { MAX_RUPIAH } from './leads'

/** One source for the ad spend form and its API. A row is one day, one platform (an ads channel), one campaign. */

export const AD_SPEND_PAGE_SIZE = 50

const count = z.number({ error: 'Masukkan angka' }).int('Bilangan bulat').min(0, 'Tidak boleh negatif').max(2_000_000_000, 'Terlalu besar')

const adSpendFields = {
  day: z.string({ error: 'Pilih tanggal' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal tidak valid')
    .refine(v => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'Tanggal tidak valid'),
  channelId: z.number({ error: 'Pilih platform' }).int().positive('Pilih platform'),
  campaign: z.string({ error: 'Nama kampanye wajib diisi' }).trim().min(1, 'Nama kampanye wajib diisi').max(160, 'Maksimal 160 karakter'),
  spend: z.number({ error: 'Masukkan nominal' }).int('Rupiah tanpa desimal').min(0, 'Tidak boleh negatif').max(MAX_RUPIAH, 'Terlalu besar'),
  impressions: count,
  clicks: count,
  platformLeads: count,
}

export const adSpendCreateSchema = z.object(adSpendFields)
export type AdSpendCreateInput = z.output<typeof adSpendCreateSchema>
export type AdSpendFormState = z.input<typeof adSpendCreateSchema>

export const adSpendUpdateSchema = z.object(adSpendFields).partial()
  .refine(v => Object.keys(v).length > 0, 'Tidak ada perubahan')
export type AdSpendUpdateInput = z.output<typeof adSpendUpdateSchema>

export const adSpendListQuerySchema = z.object({
  month: z.string().regex(MONTH_PATTERN, 'Bulan tidak valid (YYYY-MM)').optional(),
  channelId: z.coerce.number().int().positive().optional(),
  campaign: z.string().trim().max(160).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
})
export type AdSpendListQuery = z.output<typeof adSpendListQuerySchema>

import { z } from 'zod'
import { MONTH_PATTERN } from '../utils/months'
import { MAX_RUPIAH } from './leads'

/** One source for the enrolment form (lead page), the enrolments list and their API. */

export const ENROLLMENT_STATUSES = ['active', 'cancelled'] as const
export type EnrollmentStatus = typeof ENROLLMENT_STATUSES[number]
export const ENROLLMENT_STATUS_FILTERS = ['active', 'cancelled', 'all'] as const
export const ENROLLMENT_PAGE_SIZES = [25, 50, 100] as const

const id = (message: string) => z.number({ error: message }).int(message).positive(message)
const DAY = /^\d{4}-\d{2}-\d{2}$/

export const enrollmentCreateSchema = z.object({
  leadId: id('Pilih prospek'),
  programId: id('Pilih program'),
  amount: z.number({ error: 'Masukkan nominal' }).int('Rupiah tanpa desimal').positive('Nominal harus lebih dari 0').max(MAX_RUPIAH, 'Terlalu besar'),
  /** ISO 8601 with an offset (the form sends +07:00). */
  enrolledAt: z.iso.datetime({ offset: true, error: 'Tanggal dan jam tidak valid' }).transform(v => new Date(v)),
})
export type EnrollmentCreateInput = z.output<typeof enrollmentCreateSchema>
export type EnrollmentFormState = z.input<typeof enrollmentCreateSchema>

/** The only change an enrolment takes: cancelling it (it stays, for the record, but counts no more). */
export const enrollmentUpdateSchema = z.object({
  status: z.literal('cancelled', { error: 'Hanya pembatalan yang bisa disimpan' }),
})
export type EnrollmentUpdateInput = z.output<typeof enrollmentUpdateSchema>

const optionalId = z.coerce.number().int().positive().optional()
const day = z.string().regex(DAY, 'Tanggal tidak valid (YYYY-MM-DD)').optional()

/** Filters of the enrolments list, all in the URL. A month wins over a date range. */
export const enrollmentListQuerySchema = z.object({
  month: z.string().regex(MONTH_PATTERN, 'Bulan tidak valid (YYYY-MM)').optional(),
  from: day,
  to: day,
  programId: optionalId,
  channelId: optionalId,
  userId: optionalId,
  leadId: optionalId,
  status: z.enum(ENROLLMENT_STATUS_FILTERS, { error: 'Status tidak valid' }).default('active'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().pipe(z.literal(ENROLLMENT_PAGE_SIZES, { error: 'Pilih 25, 50 atau 100' })).default(25),
}).refine(v => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: 'Tanggal akhir sebelum tanggal awal' })
export type EnrollmentListQuery = z.output<typeof enrollmentListQuerySchema>

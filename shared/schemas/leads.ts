import { z } from 'zod'
import { SOURCE_TYPES } from '../enums/catalog'
import { FOLLOW_UP_STATUSES } from '../enums/leads'
import { normalizePhoneId } from '../utils/phone'

/**
 * One source for the lead form (as the user types) and the leads API (on the server).
 * Outputs are what the service stores: trimmed strings, '' as null, WhatsApp in E.164.
 */

export const LEAD_PAGE_SIZES = [25, 50, 100] as const
export const LEAD_SORTS = [
  'studentName', 'parentName', 'school', 'grade', 'city', 'channel', 'program', 'stage', 'followUpStatus',
  'assignedTo', 'expectedValue', 'nextFollowUpAt', 'lastActivityAt', 'createdAt', 'updatedAt',
] as const
export type LeadSort = typeof LEAD_SORTS[number]
export const NEXT_FOLLOW_UP_FILTERS = ['overdue', 'today', 'week', 'none'] as const
export type NextFollowUpFilter = typeof NEXT_FOLLOW_UP_FILTERS[number]
export const BULK_ACTIONS = ['assign', 'stage', 'delete'] as const
export const BULK_MAX_IDS = 500
/** Rupiah: whole numbers; a trillion is far above any program and far below 2^53. */
export const MAX_RUPIAH = 1_000_000_000_000

/** Optional free text: trimmed, '' becomes null so clearing a field in the form clears it in the database. */
const text = (max: number) => z.string().trim().max(max, `Maksimal ${max} karakter`).transform(v => v || null).nullable()

const refId = z.number({ error: 'Pilih salah satu' }).int().positive()

export const whatsappField = z.string().trim().max(30, 'Nomor terlalu panjang')
  .refine(v => v === '' || normalizePhoneId(v) !== null, 'Nomor WhatsApp Indonesia tidak valid')
  .transform(v => (v === '' ? null : normalizePhoneId(v)))
  .nullable()

const leadFields = {
  studentName: z.string({ error: 'Nama siswa wajib diisi' }).trim().min(2, 'Minimal 2 karakter').max(120, 'Maksimal 120 karakter'),
  parentName: text(120),
  school: text(160),
  grade: text(20),
  whatsapp: whatsappField,
  email: z.string().trim().max(191, 'Maksimal 191 karakter').transform(v => v.toLowerCase() || null)
    .pipe(z.email({ error: 'E-mail tidak valid' }).nullable()).nullable(),
  city: text(80),
  channelId: refId.nullable(),
  programId: refId.nullable(),
  stageId: refId,
  assignedTo: refId.nullable(),
  expectedValue: z.number({ error: 'Masukkan angka' }).int('Rupiah tanpa desimal').min(0, 'Tidak boleh negatif').max(MAX_RUPIAH),
  /** The Jakarta day the lead is expected to close, 'YYYY-MM-DD'; '' clears it. */
  expectedCloseOn: z.union([z.literal('').transform(() => null), z.iso.date({ error: 'Tanggal tidak valid (YYYY-MM-DD)' })], { error: 'Tanggal tidak valid (YYYY-MM-DD)' }).nullable(),
  utmSource: text(120),
  utmMedium: text(120),
  utmCampaign: text(160),
  utmContent: text(160),
  utmTerm: text(120),
  notes: text(5000),
  followUpStatus: z.enum(FOLLOW_UP_STATUSES, { error: 'Status tidak dikenal' }),
  nextFollowUpAt: z.iso.datetime({ offset: true, error: 'Tanggal dan jam tidak valid' }).transform(v => new Date(v)).nullable(),
  /** Saving a number that already belongs to another lead needs this explicit choice. */
  allowDuplicate: z.boolean(),
}

export const leadCreateSchema = z.object(leadFields).partial().extend({ studentName: leadFields.studentName })
export type LeadCreateInput = z.output<typeof leadCreateSchema>
/** What the form holds before validation. */
export type LeadFormState = z.input<typeof leadCreateSchema>

export const leadUpdateSchema = z.object({
  ...leadFields,
  lostReason: text(255),
}).partial().refine(v => Object.keys(v).some(k => k !== 'allowDuplicate'), 'Tidak ada perubahan')
export type LeadUpdateInput = z.output<typeof leadUpdateSchema>

/**
 * Query parameters carry lists as `stage=1,2`, as repeated `stage=1&stage=2`, or both.
 * Empty parts are ignored, duplicates dropped.
 */
function list<T extends z.ZodType>(item: T, max = 100) {
  const split = (v: unknown) => {
    if (v === undefined || v === null) return undefined
    const parts = (Array.isArray(v) ? v : [v]).flatMap(s => String(s).split(',')).map(s => s.trim()).filter(Boolean)
    return parts.length ? [...new Set(parts)] : undefined
  }
  return z.preprocess(split, z.array(item).max(max, `Maksimal ${max} nilai`).optional())
}

const queryId = z.coerce.number().int().positive()
/** A calendar day in Asia/Jakarta. */
const jakartaDate = z.iso.date({ error: 'Tanggal tidak valid (YYYY-MM-DD)' })

const pagination = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().pipe(z.literal(LEAD_PAGE_SIZES, { error: 'Pilih 25, 50 atau 100' })).default(25),
}

export const leadListQuerySchema = z.object({
  ...pagination,
  sort: z.enum(LEAD_SORTS).default('createdAt'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  stage: list(queryId),
  followUp: list(z.enum(FOLLOW_UP_STATUSES)),
  channel: list(queryId),
  sourceType: list(z.enum(SOURCE_TYPES)),
  /** User ids, and/or `none` for unassigned leads. */
  assignee: list(z.union([z.literal('none'), queryId])),
  program: list(queryId),
  /** Start of the school's name (matched with the index, case-insensitive). */
  school: z.string().trim().max(160).optional(),
  grade: list(z.string().max(20)),
  createdFrom: jakartaDate.optional(),
  createdTo: jakartaDate.optional(),
  next: list(z.enum(NEXT_FOLLOW_UP_FILTERS)),
  /** The start of the student's, the parent's (also after Bapak/Ibu/Pak/Bu) or the school's name, or a WhatsApp number in any Indonesian format. */
  q: z.string().trim().max(100).optional(),
}).refine(v => !v.createdFrom || !v.createdTo || v.createdFrom <= v.createdTo, { path: ['createdTo'], message: 'Tanggal akhir sebelum tanggal awal' })
export type LeadListQuery = z.output<typeof leadListQuerySchema>

export const leadTrashQuerySchema = z.object(pagination)
export type LeadTrashQuery = z.output<typeof leadTrashQuerySchema>

export const checkPhoneQuerySchema = z.object({
  whatsapp: z.string({ error: 'Nomor WhatsApp wajib diisi' }).trim().min(1, 'Nomor WhatsApp wajib diisi').max(30)
    .refine(v => normalizePhoneId(v) !== null, 'Nomor WhatsApp Indonesia tidak valid')
    .transform(v => normalizePhoneId(v)!),
  /** The lead being edited, so its own number is not reported as a duplicate. */
  exceptId: queryId.optional(),
})

export const leadRestoreSchema = z.object({ allowDuplicate: z.boolean().optional() })

const bulkIds = z.array(z.number().int().positive(), { error: 'Pilih prospek' })
  .min(1, 'Pilih minimal satu prospek').max(BULK_MAX_IDS, `Maksimal ${BULK_MAX_IDS} prospek sekaligus`)
  .transform(ids => [...new Set(ids)])

export const leadBulkSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('assign'), ids: bulkIds, assignedTo: refId.nullable() }),
  z.object({ action: z.literal('stage'), ids: bulkIds, stageId: refId, lostReason: text(255).optional() }),
  z.object({ action: z.literal('delete'), ids: bulkIds }),
], { error: 'Tindakan tidak dikenal' })
export type LeadBulkInput = z.output<typeof leadBulkSchema>

import { z } from 'zod'
import { normalizePhoneId } from '../utils/phone'

/** Optional free text from a landing page: trimmed, '' as null. */
const text = (max: number) => z.string().trim().max(max, `Maksimal ${max} karakter`).transform(v => v || null).nullish()

/**
 * What a landing page posts to /api/intake. Form-encoded pages send strings only, hence the coerced program id.
 * `website` is the honeypot: invisible to people, filled in by bots.
 */
export const intakeSchema = z.object({
  siteKey: z.string().max(200).optional(),
  website: z.string().max(500).optional(),
  studentName: z.string({ error: 'Nama siswa wajib diisi' }).trim().min(2, 'Minimal 2 karakter').max(120, 'Maksimal 120 karakter'),
  parentName: text(120),
  school: text(160),
  grade: text(20),
  whatsapp: z.string({ error: 'Nomor WhatsApp wajib diisi' }).trim().min(1, 'Nomor WhatsApp wajib diisi').max(30, 'Nomor terlalu panjang')
    .refine(v => normalizePhoneId(v) !== null, 'Nomor WhatsApp Indonesia tidak valid')
    .transform(v => normalizePhoneId(v)!),
  email: z.string().trim().max(191, 'Maksimal 191 karakter').transform(v => v.toLowerCase() || null)
    .pipe(z.email({ error: 'E-mail tidak valid' }).nullable()).nullish(),
  city: text(80),
  programId: z.coerce.number({ error: 'Program tidak valid' }).int().positive().nullish(),
  programCode: text(40),
  notes: text(2000),
  utmSource: text(120),
  utmMedium: text(120),
  utmCampaign: text(160),
  utmContent: text(160),
  utmTerm: text(120),
})
export type IntakeInput = z.output<typeof intakeSchema>

export const intakeSiteCreateSchema = z.object({
  name: z.string({ error: 'Nama situs wajib diisi' }).trim().min(2, 'Minimal 2 karakter').max(80, 'Maksimal 80 karakter'),
})

export const intakeSiteParamSchema = z.object({ id: z.string().regex(/^[\w-]{1,40}$/) })

export interface IntakeSitePublic {
  id: string
  name: string
  active: boolean
  createdAt: string
}

export interface IntakeSiteCreated extends IntakeSitePublic {
  /** Shown once: only its SHA-256 is stored. */
  key: string
}

export type IntakeResponse = { ok: true, id?: number, duplicate?: boolean }

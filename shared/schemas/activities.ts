import { z } from 'zod'
import { ACTIVITY_OUTCOMES, ACTIVITY_TYPES, FOLLOW_UP_BUCKETS } from '../enums/leads'

/**
 * One source for the "log activity" form (as the user types) and the activities API. Times are ISO 8601 with
 * an offset; the outputs are Dates. A call, chat or meeting needs its outcome; a note may go without.
 */

/** A little slack for clocks that run ahead of the server's. */
const CLOCK_SLACK_MS = 5 * 60_000

const text = (max: number) => z.string().trim().max(max, `Maksimal ${max} karakter`).transform(v => v || null).nullable()
const instant = z.iso.datetime({ offset: true, error: 'Tanggal dan jam tidak valid' }).transform(v => new Date(v))

const fields = {
  type: z.enum(ACTIVITY_TYPES, { error: 'Pilih jenis aktivitas' }),
  outcome: z.enum(ACTIVITY_OUTCOMES, { error: 'Pilih hasil' }).nullable(),
  notes: text(5000),
  happenedAt: instant.refine(d => d.getTime() <= Date.now() + CLOCK_SLACK_MS, 'Tidak boleh di masa depan'),
  nextAction: text(255),
  nextDueAt: instant.nullable(),
}

export interface ActivityRuleInput { type?: string, outcome?: string | null, happenedAt?: Date, nextAction?: string | null, nextDueAt?: Date | null }

/**
 * The rules across fields, for the form, the request, and (on an edit) the activity as it will be stored:
 * a call, chat or meeting has an outcome; a next action has a due time; that time comes after the activity.
 */
export function activityIssues(v: ActivityRuleInput): { path: string, message: string }[] {
  const issues: { path: string, message: string }[] = []
  if (v.type && v.type !== 'note' && !v.outcome) issues.push({ path: 'outcome', message: 'Pilih hasil' })
  if (v.nextAction && !v.nextDueAt) issues.push({ path: 'nextDueAt', message: 'Tentukan kapan tindak lanjutnya' })
  // zod runs these checks even when a field failed on its own, so a time may still be the raw string here.
  const after = v.happenedAt instanceof Date ? v.happenedAt : new Date()
  if (v.nextDueAt instanceof Date && v.nextDueAt.getTime() <= after.getTime())
    issues.push({ path: 'nextDueAt', message: 'Harus setelah waktu aktivitas' })
  return issues
}

function rules(v: ActivityRuleInput, ctx: z.RefinementCtx, opts: { partial: boolean }) {
  // A partial edit is checked again on the server against the stored activity; here only what it carries.
  const checked = opts.partial ? { ...v, type: v.outcome === undefined ? undefined : v.type, nextAction: v.nextDueAt === undefined ? undefined : v.nextAction, happenedAt: v.happenedAt ?? new Date(0) } : v
  for (const issue of activityIssues(checked)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message })
}

export const activityCreateSchema = z.object({
  ...fields,
  outcome: fields.outcome.optional(),
  notes: fields.notes.optional(),
  happenedAt: fields.happenedAt.optional(),
  nextAction: fields.nextAction.optional(),
  nextDueAt: fields.nextDueAt.optional(),
}).superRefine((v, ctx) => rules(v, ctx, { partial: false }))
export type ActivityCreateInput = z.output<typeof activityCreateSchema>
/** What the form holds before validation. */
export type ActivityFormState = z.input<typeof activityCreateSchema>

export const activityUpdateSchema = z.object(fields).partial()
  .refine(v => Object.keys(v).length > 0, 'Tidak ada perubahan')
  .superRefine((v, ctx) => rules(v, ctx, { partial: true }))
export type ActivityUpdateInput = z.output<typeof activityUpdateSchema>

export const activityParamsSchema = z.object({
  id: z.coerce.number().int().positive(),
  activityId: z.coerce.number().int().positive(),
})

/** Move (or clear) a lead's next follow-up without logging anything: POST /api/leads/:id/follow-up. */
export const followUpRescheduleSchema = z.object({
  nextFollowUpAt: z.iso.datetime({ offset: true, error: 'Tanggal dan jam tidak valid' }).transform(v => new Date(v)).nullable(),
})
export type FollowUpRescheduleInput = z.output<typeof followUpRescheduleSchema>

export const FOLLOW_UP_PAGE_SIZES = [10, 25, 50] as const

/** GET /api/follow-ups: whose (a user id, `all` for the whole team; default oneself), which bucket, which page. */
export const followUpListQuerySchema = z.object({
  user: z.union([z.literal('all'), z.coerce.number().int().positive()]).optional(),
  bucket: z.enum(FOLLOW_UP_BUCKETS).default('overdue'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().pipe(z.union(FOLLOW_UP_PAGE_SIZES.map(n => z.literal(n)))).default(10),
})
export type FollowUpListQuery = z.output<typeof followUpListQuerySchema>

import { z } from 'zod'
import { SOURCE_TYPES } from '../enums/catalog'
import { LEAD_REPORT_GROUPS, REPORT_MAX_MONTHS, SHARE_EXPIRY_DAYS, SHAREABLE_REPORTS, type ReportName } from '../enums/reports'
import { jakartaMonth, shiftMonth } from '../utils/months'
import { monthField } from './dashboard'

/**
 * The filters of every report, one schema per report, shared by its page (which keeps them in the URL) and its
 * API route. Query strings arrive as strings: ids are coerced, empty values mean "not set".
 */

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v)
const optionalId = z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional())

/** A period of whole Jakarta months, `from` to `to` inclusive; by default the twelve months up to this one. */
export const periodFields = {
  from: z.preprocess(blankToUndefined, monthField.optional()),
  to: z.preprocess(blankToUndefined, monthField.optional()),
}

/** Filters most reports take besides the period. */
export const filterFields = {
  channelId: optionalId,
  programId: optionalId,
  /** An admin / Sales-CS person (the assignee of leads, the person credited with enrolments). */
  userId: optionalId,
  sourceType: z.preprocess(blankToUndefined, z.enum(SOURCE_TYPES).optional()),
}

/** Fill the period's defaults and check it: `from` ≤ `to`, at most REPORT_MAX_MONTHS months. */
function period(value: { from?: string, to?: string }, ctx: z.RefinementCtx, { months, ahead }: PeriodDefault): { from: string, to: string } {
  const from = value.from ?? (value.to ? shiftMonth(value.to, -(months - 1)) : shiftMonth(jakartaMonth(), ahead ? 0 : -(months - 1)))
  const to = value.to ?? shiftMonth(from, months - 1)
  if (from > to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'Bulan awal harus sebelum bulan akhir' })
  else if (monthsBetween(from, to) > REPORT_MAX_MONTHS) ctx.addIssue({ code: 'custom', path: ['to'], message: `Paling lama ${REPORT_MAX_MONTHS} bulan` })
  return { from, to }
}

/** Months from `from` to `to` inclusive. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number]
  const [ty, tm] = to.split('-').map(Number) as [number, number]
  return (ty - fy) * 12 + (tm - fm) + 1
}

/** A default period: `months` long, ending with this month, or starting with it when `ahead` (the forecast). */
interface PeriodDefault { months: number, ahead?: boolean }

/** A report schema: its own fields plus the period, whose defaults are filled in. */
function reportSchema<S extends z.ZodRawShape>(shape: S, defaults: PeriodDefault = { months: 12 }) {
  return z.object({ ...periodFields, ...shape }).transform((v, ctx) => ({ ...v, ...period(v as { from?: string, to?: string }, ctx, defaults) }))
}

export const reportQuerySchemas = {
  // One dimension at a time: targets are set overall, per program, per channel or per person, never crossed.
  'target-vs-real': reportSchema({ channelId: filterFields.channelId, programId: filterFields.programId, userId: filterFields.userId })
    .refine(v => [v.channelId, v.programId, v.userId].filter(Boolean).length <= 1, { path: ['programId'], message: 'Pilih satu: program, channel atau orang' }),
  'programs': reportSchema({ channelId: filterFields.channelId, userId: filterFields.userId }, { months: 1 }),
  'leads': reportSchema({ ...filterFields, by: z.preprocess(blankToUndefined, z.enum(LEAD_REPORT_GROUPS).default('channel')) }),
  'conversion': reportSchema({ ...filterFields }),
  'ads': reportSchema({ channelId: filterFields.channelId, by: z.preprocess(blankToUndefined, z.enum(['month', 'campaign']).default('month')) }),
  'funnel': reportSchema({ ...filterFields }, { months: 3 }),
  'forecast': reportSchema({ channelId: filterFields.channelId, programId: filterFields.programId, userId: filterFields.userId }, { months: 6, ahead: true }),
  'team': reportSchema({ channelId: filterFields.channelId, programId: filterFields.programId }, { months: 1 }),
} satisfies Record<ReportName, z.ZodType>

export type ReportQuery<N extends ReportName> = z.output<typeof reportQuerySchemas[N]>
export type ReportQueryInput<N extends ReportName> = z.input<typeof reportQuerySchemas[N]>

/** POST /api/share-links: a read-only link to one report with its filters. */
export const shareLinkCreateSchema = z.object({
  report: z.enum(SHAREABLE_REPORTS, { error: 'Laporan tidak dikenal' }),
  params: z.record(z.string(), z.union([z.string().max(200), z.number()])).default({}),
  expiresInDays: z.coerce.number().pipe(z.union(SHARE_EXPIRY_DAYS.map(n => z.literal(n)), { error: 'Pilih 1, 7 atau 30 hari' })),
})
export type ShareLinkCreateInput = z.input<typeof shareLinkCreateSchema>

export const shareLinkListSchema = z.object({
  report: z.preprocess(blankToUndefined, z.enum(SHAREABLE_REPORTS).optional()),
})

/** The token of a shared link as it appears in its URL. */
export const shareTokenParamSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) })

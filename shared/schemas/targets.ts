import { z } from 'zod'
import { TARGET_SCOPES } from '../enums/catalog'
import { MONTH_PATTERN } from '../utils/months'
import { MAX_RUPIAH } from './leads'

/** One source for the targets grid and the targets API. Months are Asia/Jakarta 'YYYY-MM'. */

export const TARGET_METRICS = ['revenue', 'students', 'leads'] as const
export type TargetMetric = typeof TARGET_METRICS[number]

export const monthField = z.string({ error: 'Pilih bulan' }).regex(MONTH_PATTERN, 'Bulan tidak valid (YYYY-MM)')

const whole = (max: number) => z.number({ error: 'Masukkan angka' })
  .int('Bilangan bulat')
  .min(0, 'Tidak boleh negatif')
  .max(max, 'Terlalu besar')

/** A target row: a scope (overall, or one program / channel / user) and its three numbers. */
export const targetItemSchema = z.object({
  scope: z.enum(TARGET_SCOPES, { error: 'Cakupan tidak valid' }),
  /** 0 for overall. */
  scopeId: z.number({ error: 'Cakupan tidak valid' }).int().min(0),
  revenue: whole(MAX_RUPIAH),
  students: whole(1_000_000),
  leads: whole(10_000_000),
}).refine(v => (v.scope === 'overall') === (v.scopeId === 0), { path: ['scopeId'], message: 'Cakupan tidak valid' })
export type TargetItemInput = z.output<typeof targetItemSchema>

/** The month's whole set: what is not in it is no longer a target. */
export const targetsSaveSchema = z.object({
  month: monthField,
  items: z.array(targetItemSchema).max(2000),
}).superRefine((v, ctx) => {
  const seen = new Set<string>()
  v.items.forEach((item, i) => {
    const key = `${item.scope}:${item.scopeId}`
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['items', i, 'scopeId'], message: 'Cakupan ganda' })
    seen.add(key)
  })
})
export type TargetsSaveInput = z.output<typeof targetsSaveSchema>

export const targetsQuerySchema = z.object({ month: monthField })
export type TargetsQuery = z.output<typeof targetsQuerySchema>

/** Copy the previous month's targets into `month`; a month that has targets already needs `overwrite`. */
export const targetsCopySchema = z.object({
  month: monthField,
  overwrite: z.boolean({ error: 'Ya atau tidak' }).default(false),
})
export type TargetsCopyInput = z.output<typeof targetsCopySchema>

import type { LeadReportGroup } from '../enums/reports'

/**
 * One row of the leads report. `kind`: an `item` of the grouping (a channel, a source type, a school, a grade,
 * a person); `none` for leads without one (no channel, no school filled in, unassigned); `others` for the
 * schools or grades past the top 50, and schools with a single lead, counted together so the totals stay exact.
 */
export interface LeadsGroupRow {
  /** Stable within one answer: 'channel:3', 'sourceType:ads', 'school:sma negeri 1 bandung', 'none', 'others'. */
  key: string
  kind: 'item' | 'none' | 'others'
  /** The name to show: the channel's, the source type's code, a person's, or the most common spelling of a school or grade. */
  label: string | null
  /** For `others`: how many groups it holds. */
  groups?: number
  leads: number
  /** leads ÷ all leads of the report × 100. */
  share: number | null
  /** Of those leads, the ones now in a won stage. */
  won: number
  /** won ÷ leads × 100. */
  conversion: number | null
  /** The lead target of this channel (by=channel) or person (by=admin) over the period; null where none applies. */
  target: number | null
  /** Real leads of the months with a target ÷ target × 100. */
  pct: number | null
}

export interface LeadsTrendSeries {
  key: string
  kind: LeadsGroupRow['kind']
  label: string | null
  /** Leads per month of the period, in the order of `months`. */
  counts: number[]
}

export interface LeadsData {
  by: LeadReportGroup
  months: string[]
  /** Whether this grouping has targets at all (channel and admin do; the filters may still leave them null). */
  targets: boolean
  rows: LeadsGroupRow[]
  totals: { leads: number, share: number | null, won: number, conversion: number | null, target: number | null, pct: number | null }
  /** The monthly breakdown: the five biggest groups and the rest together. */
  trend: LeadsTrendSeries[]
}

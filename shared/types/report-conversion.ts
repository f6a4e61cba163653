import type { SourceType } from '../enums/catalog'

/**
 * GET /api/reports/conversion: the leads created in the period (the cohort) and what became of them so far, per
 * channel and per source type. A lead's outcome is the kind of the stage it is in now.
 */
export interface ConversionRow {
  /** 'channel:3', 'sourceType:ads', or 'none' for leads without a channel. */
  key: string
  kind: 'item' | 'none'
  /** The channel's name, or the source type's code; null for `none`. */
  label: string | null
  /** For channel rows: the channel's source type. */
  sourceType?: SourceType
  leads: number
  won: number
  lost: number
  /** Neither won nor lost yet: leads − won − lost. */
  open: number
  /** won ÷ leads × 100. */
  conversion: number | null
  /** won ÷ (won + lost) × 100: of the leads decided so far, how many were won. */
  closeRate: number | null
  /** The median, over the won leads, of the days from the lead's creation to its move into a won stage. */
  medianDays: number | null
  /** The active enrolments of the won leads, whenever enrolled, whole Rupiah. Only with money. */
  revenue?: number
}

export interface ConversionData {
  channels: ConversionRow[]
  sourceTypes: ConversionRow[]
  totals: Omit<ConversionRow, 'key' | 'kind' | 'label' | 'sourceType'>
}

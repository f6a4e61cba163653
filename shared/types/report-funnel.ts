/**
 * GET /api/reports/funnel: how far the leads created in the period got, one step per active open stage in board
 * order and a last one for winning.
 */
export interface FunnelReportStep {
  stageId: number
  code: string
  name: string
  kind: 'open' | 'won'
  /** Leads of the cohort that reached this stage or a later open one, or any won stage. */
  count: number
  /** count / the first step's count × 100. */
  pct: number | null
  /** count / the previous step's count × 100; null on the first step. */
  conversion: number | null
  /** The previous step's count minus this one's; null on the first step. */
  dropOff: number | null
  /** dropOff / the previous step's count × 100. */
  dropOffPct: number | null
  /** Leads now lost whose last open stage was this one (null on the won step). */
  lost: number | null
  /** The median of the completed stays in this stage, in days (one decimal); null on the won step or without any. */
  medianDays: number | null
  /** How many completed stays the median is over. */
  stays: number
}

export interface FunnelData {
  /** The cohort: leads created in the period (not in the trash) that match the filters. */
  leads: number
  steps: FunnelReportStep[]
  /** Leads of the cohort now in a lost stage. */
  lost: number
  /** Of those, the ones whose last open stage is no step of the funnel (created straight into lost, say). */
  lostElsewhere: number
}

/**
 * GET /api/reports/forecast: the open pipeline (live leads in a stage of kind 'open') by the month it is expected
 * to close, weighted by each stage's win probability. `pipeline` and `weighted` only with money (not for Admin).
 */
export interface ForecastFigures {
  /** Open leads. */
  count: number
  /** Σ expected_value, whole Rupiah. */
  pipeline?: number
  /** Σ expected_value × stage probability ÷ 100, rounded to whole Rupiah once, at the end. */
  weighted?: number
}

/**
 * Where an open lead's expected month falls: before this month ('pastDue'), a month of the period ('month'),
 * from this month on but outside the period ('outside'), or nowhere: no expected date and no next follow-up ('none').
 */
export type ForecastBucketKind = 'pastDue' | 'month' | 'outside' | 'none'

export interface ForecastBucket extends ForecastFigures {
  kind: ForecastBucketKind
  /** 'YYYY-MM' for a month of the period, null otherwise. */
  month: string | null
  /** Of `count`, the leads without an expected close date placed by the month of their next follow-up. */
  byFollowUp: number
}

/** The whole open pipeline of one person (the assignee) or one program; null id: unassigned / no program. */
export interface ForecastGroupRow extends ForecastFigures {
  id: number | null
  name: string | null
}

export interface ForecastData {
  /** The Jakarta month the report was computed in: what is before it is past due. */
  currentMonth: string
  /** Always every bucket, in order: past due, each month of the period, outside the period, no date. */
  buckets: ForecastBucket[]
  /** The months of the period only. */
  period: ForecastFigures
  /** Every open lead in scope: the sum of all buckets, of all people and of all programs. */
  totals: ForecastFigures & { byFollowUp: number }
  byUser: ForecastGroupRow[]
  byProgram: ForecastGroupRow[]
}

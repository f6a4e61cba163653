/**
 * GET /api/reports/dashboard. Counts are whole numbers, money whole Rupiah, percentages rounded to one decimal.
 * Money fields (`revenue`, `forecast`) are left out entirely for roles that may not see money (Admin):
 * `money` says whether they are there.
 */
export interface KpiFigure {
  /** null when no target is set for the month (in the caller's scope). */
  target: number | null
  real: number
  /** real / target × 100; null without a target (or with a target of 0). */
  pct: number | null
  /** Last month's real, for the change. */
  previous: number
}

export interface ConversionFigure {
  /** Leads created in the month (the cohort). */
  leads: number
  /** Of those, now in a won stage. */
  won: number
  /** Of those, now in a lost stage. */
  lost: number
  /** won / leads × 100. */
  rate: number | null
  /** The same rate for last month's cohort. */
  previousRate: number | null
  /** won / (won + lost) × 100: of the cohort's leads already closed, the share won. */
  closedRate: number | null
}

export interface ForecastFigure {
  /** How the value is projected: revenue so far ÷ Jakarta days elapsed × days in the month. */
  method: 'run_rate'
  /** null before the month has started. Equal to `real` once the month is over. */
  value: number | null
  real: number
  elapsedDays: number
  daysInMonth: number
  target: number | null
  /** value / target × 100. */
  pct: number | null
}

export interface TrendPoint {
  month: string
  leads: { target: number | null, real: number }
  students: { target: number | null, real: number }
  revenue?: { target: number | null, real: number }
}

export interface FunnelStep {
  stageId: number
  code: string
  name: string
  kind: 'open' | 'won'
  /** Leads of the month that reached this stage or a later one (a won lead passed every open stage). */
  count: number
  /** count / first step's count × 100. */
  pct: number | null
}

export interface ChannelRow {
  channelId: number | null
  name: string | null
  leads: number
  won: number
  /** won / leads × 100. */
  rate: number | null
}

export interface ProgramRow {
  programId: number
  code: string
  name: string
  students: { target: number | null, real: number, pct: number | null }
  revenue?: { target: number | null, real: number, pct: number | null }
}

export interface TeamRow {
  userId: number
  name: string
  role: string
  /** Leads created in the month and assigned to this person. */
  leads: number
  /** Of those, now won. */
  won: number
  /** won / leads × 100. */
  rate: number | null
  /** Active enrolments of the month credited to this person. */
  students: number
  revenue?: number
  /** Open leads assigned to this person whose next follow-up is past, as of now (not tied to the month). */
  overdue: number
}

export interface DashboardDto {
  month: string
  previousMonth: string
  /** 'own': a Sales/CS user's own figures; 'all': the whole team. */
  scope: 'own' | 'all'
  money: boolean
  cards: {
    revenue?: KpiFigure
    students: KpiFigure
    leads: KpiFigure
    conversion: ConversionFigure
    forecast?: ForecastFigure
  }
  /** The six months up to and including `month`, oldest first. */
  trend: TrendPoint[]
  funnel: FunnelStep[]
  channels: ChannelRow[]
  programs: ProgramRow[]
  team: TeamRow[]
}

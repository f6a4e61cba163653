import type { TargetScope } from '../enums/catalog'
import type { EnrollmentStatus } from '../schemas/enrollments'

/** Real figures of a month for one scope: what targets are measured against. */
export interface Actual { revenue: number, students: number, leads: number }

export interface TargetRow {
  scope: TargetScope
  scopeId: number
  /** The program's, channel's or person's name; null for overall. */
  name: string | null
  /** The target, or null when none is set for this scope. */
  target: { revenue: number, students: number, leads: number } | null
  actual: Actual
  /** An inactive program/channel/user that still carries a target this month. */
  inactive?: boolean
}

export interface TargetsResponse {
  month: string
  rows: TargetRow[]
  /** How many targets the previous month has, for the copy button. */
  previousCount: number
  updatedAt: string | null
}

export interface TargetsCopyResult { month: string, from: string, copied: number }

export interface EnrollmentDto {
  id: number
  lead: { id: number, studentName: string }
  program: { id: number, name: string }
  channel: { id: number, name: string } | null
  user: { id: number, name: string } | null
  amount: number
  enrolledAt: string
  status: EnrollmentStatus
}

export interface EnrollmentListResponse {
  items: EnrollmentDto[]
  total: number
  /** Over every row the filters match, not just this page. */
  totals: { count: number, amount: number }
}

export interface AdSpendDto {
  id: number
  day: string
  channel: { id: number, name: string }
  campaign: string
  spend: number
  impressions: number
  clicks: number
  platformLeads: number
}

export interface AdSpendTotals { rows: number, spend: number, impressions: number, clicks: number, platformLeads: number }

export interface AdSpendListResponse {
  month: string
  items: AdSpendDto[]
  total: number
  totals: AdSpendTotals
  /** The platforms a row can be entered for: the ads channels and 'Lainnya'. */
  platforms: { id: number, name: string }[]
}

/** What every `GET /api/reports/<name>` answers: the report's data and the facts the page needs to show it. */
export interface ReportResponse<T> {
  report: string
  /** The filters as the server understood them, defaults filled in (`from`, `to`). */
  params: Record<string, string | number>
  /** 'own': a Sales/CS user's own figures; 'all': the team's. */
  scope: 'own' | 'all'
  /** Whether money figures are in the data (not for Admin). */
  money: boolean
  generatedAt: string
  data: T
}

/** A figure against its target. */
export interface TargetFigure {
  target: number | null
  real: number
  /** real / target × 100, one decimal; null without a target. */
  pct: number | null
}

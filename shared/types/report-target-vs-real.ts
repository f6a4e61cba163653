import type { TargetScope } from '../enums/catalog'
import type { TargetFigure } from './reports'

/** GET /api/reports/target-vs-real: each month of the period, target and real. `revenue` only with money. */
export interface TargetVsRealMonth {
  month: string
  leads: TargetFigure
  students: TargetFigure
  revenue?: TargetFigure
}

export interface TargetVsRealData {
  /** What the figures are of: overall, one program, channel or person (a Sales/CS user: always themselves). */
  dimension: { scope: TargetScope, id: number, name: string | null }
  months: TargetVsRealMonth[]
  /** The period's sums; a target sum counts only the months that have a target (null when none has). */
  totals: Omit<TargetVsRealMonth, 'month'>
}

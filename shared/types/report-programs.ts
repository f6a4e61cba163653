import type { TargetFigure } from './reports'

/** GET /api/reports/programs: one row per program with a target or a figure in the period. */
export interface ProgramsRow {
  programId: number
  code: string
  name: string
  /** Switched off in the catalogue; listed only because it has figures or targets in the period. */
  active: boolean
  /** Active enrolments in the period against the program's targets (target null: none set, or not applicable). */
  students: TargetFigure
  /** Their amounts, whole Rupiah. Only with money. */
  revenue?: TargetFigure
  /** Leads created in the period with this program of interest. */
  leads: number
  /** Of those, the ones now in a won stage. */
  won: number
  /** won ÷ leads × 100, one decimal. */
  conversion: number | null
}

export interface ProgramsData {
  /**
   * Whether the per-program targets apply: not with a channel or person filter (targets are set per program,
   * not per program and channel), and not for a Sales/CS user's own figures. When false every target is null.
   */
  targets: boolean
  rows: ProgramsRow[]
  totals: Omit<ProgramsRow, 'programId' | 'code' | 'name' | 'active'>
}

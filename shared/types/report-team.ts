import type { ActivityType } from '../enums/leads'
import type { Role } from '../enums/roles'
import type { TargetFigure } from './reports'

/** Activities logged in the period, per type, and all of them. */
export type TeamActivities = Record<ActivityType, number> & { total: number }

/** The figures of one person, or their sum over the team (the totals row). */
export interface TeamFigures {
  /** Now: live leads in an open stage assigned to them (the workload's definition, whatever the filters). */
  openLeads: number
  capacity: number
  /** Now: openLeads ÷ capacity, whole percent (the workload page's figure). */
  workloadPct: number
  /** Now: their open leads whose next follow-up is already past. */
  overdue: number
  /** Leads created in the period and assigned to them. */
  newLeads: number
  /** Of those, how many are in a won stage now, and the share. */
  won: number
  conversionPct: number | null
  activities: TeamActivities
  /** Of the new leads, how many have had an activity (by anyone). */
  responded: number
  /** Median hours from a new lead's creation to its first activity (by anyone), one decimal; null without any. */
  medianResponseHours: number | null
  /** New leads against the per-user lead target. */
  leads: TargetFigure
  /** Active enrolments credited to them in the period against the per-user student target. */
  students: TargetFigure
  /** Their amount against the per-user revenue target: only with money (not for Admin). */
  revenue?: TargetFigure
}

export interface TeamMemberRow extends TeamFigures {
  userId: number
  name: string
  role: Role
  active: boolean
  onLeave: boolean
}

export interface TeamData {
  rows: TeamMemberRow[]
  totals: TeamFigures
  /**
   * Targets are per person, not per person and channel or program: with a channel or program filter the target
   * figures are left out (null), since no target was set for that slice.
   */
  targetsApply: boolean
}

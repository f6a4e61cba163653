import { and, eq, gte, isNull, lt, type SQL } from 'drizzle-orm'
import type { MySqlColumn } from 'drizzle-orm/mysql-core'
import { enrollments, leads } from '../../db/schema'
import { jakartaDayStart } from '../leads/dates'

/**
 * What "real" means, in one place (the reports pages define the same; to be unified):
 * - leads:    leads created in the Jakarta month, not deleted;
 * - students: enrolments with status 'active' enrolled in the Jakarta month;
 * - revenue:  the sum of those enrolments' amounts (whole Rupiah).
 * Enrolments are counted by their own date and status, whatever later happened to the lead.
 * For a Sales/CS user ("own"), leads are those assigned to them and enrolments those credited to them (`user_id`).
 */

/** 'YYYY-MM' `n` months after (or before) a month. */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const d = new Date(Date.UTC(y, m - 1 + n, 1))
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

/** [00:00 WIB on the 1st, 00:00 WIB on the 1st of the next month) as UTC instants. */
export function monthRange(month: string): [Date, Date] {
  return [jakartaDayStart(`${month}-01`), jakartaDayStart(`${shiftMonth(month, 1)}-01`)]
}

/** Days in a month. */
export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m, 0)).getUTCDate()
}

export const between = (column: MySqlColumn, [from, to]: [Date, Date]) => and(gte(column, from), lt(column, to))!

/** Leads that count as "leads" in a range, for everyone or one owner. */
export function leadsIn(range: [Date, Date], ownerId: number | null): SQL {
  return and(isNull(leads.deletedAt), between(leads.createdAt, range), ownerId == null ? undefined : eq(leads.assignedTo, ownerId))!
}

/** Enrolments that count as students and revenue in a range, for everyone or the one credited. */
export function enrolmentsIn(range: [Date, Date], ownerId: number | null): SQL {
  return and(between(enrollments.enrolledAt, range), eq(enrollments.status, 'active'), ownerId == null ? undefined : eq(enrollments.userId, ownerId))!
}

/** x / y × 100 to one decimal; null when y is 0 or missing. */
export function percent(x: number, y: number | null | undefined): number | null {
  return y ? Math.round((x / y) * 1000) / 10 : null
}

import { and, eq, gte, lt, type SQL } from 'drizzle-orm'
import type { MySqlColumn } from 'drizzle-orm/mysql-core'
import { enrollments } from '../../db/schema'
import { activeEnrollmentsIn } from '../reports/actuals'

/**
 * What "real" means: the definitions live in server/services/reports/actuals.ts and are used here:
 * - leads:    leads created in the Jakarta month, not deleted (counted from lead_month_facts);
 * - students: enrolments with status 'active' enrolled in the Jakarta month;
 * - revenue:  the sum of those enrolments' amounts (whole Rupiah).
 * Enrolments are counted by their own date and status, whatever later happened to the lead.
 * For a Sales/CS user ("own"), leads are those assigned to them and enrolments those credited to them (`user_id`).
 */

export { daysInMonth, monthRange, shiftMonth } from '../../../shared/utils/months'

export const between = (column: MySqlColumn, [from, to]: [Date, Date]) => and(gte(column, from), lt(column, to))!

/**
 * Enrolments that count as students and revenue in a range (the reports' definition), for everyone
 * or the one credited. (The enrolments list also shows a Sales/CS user the enrolments of leads
 * assigned to them; the dashboard credits only the person on the enrolment.)
 */
export function enrolmentsIn(range: [Date, Date], ownerId: number | null): SQL {
  return and(activeEnrollmentsIn(...range), ownerId == null ? undefined : eq(enrollments.userId, ownerId))!
}

export { percent } from '../../../shared/utils/figures'

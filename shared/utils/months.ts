import { jakartaDay, jakartaInstant } from './jakarta'

/**
 * Months as reports see them: 'YYYY-MM' of the Asia/Jakarta calendar. The database stores UTC, so a
 * month is the half-open range of instants from 00:00 WIB on its first day to 00:00 WIB on the next month's.
 */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/

/** The Jakarta month of an instant. */
export function jakartaMonth(at: Date | string | number = new Date()): string {
  return jakartaDay(at).slice(0, 7)
}

/** A month moved by whole months ('2026-01' - 1 = '2025-12'). */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const d = new Date(Date.UTC(y, m - 1 + by, 1))
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

/** [start, end) of a Jakarta month as UTC instants. */
export function monthRange(month: string): [Date, Date] {
  return [jakartaInstant(`${month}-01`), jakartaInstant(`${shiftMonth(month, 1)}-01`)]
}

/** The last day of a month, 'YYYY-MM-DD'. */
export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`
}

/** Days in a month. */
export function daysInMonth(month: string): number {
  return Number(lastDayOfMonth(month).slice(8))
}

/** 'Oktober 2026' / 'October 2026', or 'Okt 26' / 'Oct 26' for chart axes. */
export function formatMonth(month: string, locale = 'id', style: 'long' | 'short' = 'long'): string {
  const options: Intl.DateTimeFormatOptions = style === 'long' ? { month: 'long', year: 'numeric' } : { month: 'short', year: '2-digit' }
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', { timeZone: 'Asia/Jakarta', ...options })
    .format(jakartaInstant(`${month}-15`))
}

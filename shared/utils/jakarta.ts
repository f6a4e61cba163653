/**
 * Calendar arithmetic in Asia/Jakarta (UTC+7 all year, no daylight saving) for the calendar and
 * the to-do list, on the server and in the browser alike, whatever the browser's own time zone.
 * A "day" is a 'YYYY-MM-DD' string of a Jakarta calendar day.
 */
const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
const WIB = 7 * 60 * MINUTE

const pad = (n: number) => String(n).padStart(2, '0')

/** The Jakarta day of an instant. */
export function jakartaDay(at: Date | string | number): string {
  const d = new Date(new Date(at).getTime() + WIB)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/** Minutes since 00:00 WIB of an instant. */
export function jakartaMinutes(at: Date | string | number): number {
  const ms = (new Date(at).getTime() + WIB) % DAY
  return Math.floor((ms < 0 ? ms + DAY : ms) / MINUTE)
}

/** The instant of a Jakarta day plus minutes after 00:00. */
export function jakartaInstant(day: string, minutes = 0): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d) - WIB + minutes * MINUTE)
}

/** A day moved by whole days (month and year roll over). */
export function addDays(day: string, days: number): string {
  return jakartaDay(jakartaInstant(day).getTime() + days * DAY)
}

/** Monday = 0 … Sunday = 6. */
export function weekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7
}

/** The Monday of the week a day is in. */
export function startOfWeek(day: string): string {
  return addDays(day, -weekday(day))
}

/** The first day of the month a day is in. */
export function startOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`
}

/** The same day of the month `months` later (clamped to the month's last day). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const first = new Date(Date.UTC(y, m - 1 + months, 1))
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  return `${first.getUTCFullYear()}-${pad(first.getUTCMonth() + 1)}-${pad(Math.min(d, last))}`
}

/** Whole days from one day to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((jakartaInstant(to).getTime() - jakartaInstant(from).getTime()) / DAY)
}

/** 'YYYY-MM-DDTHH:mm' in Jakarta, the value of an `<input type="datetime-local">`. */
export function toJakartaLocalInput(at: Date | string | null | undefined): string {
  if (!at) return ''
  const m = jakartaMinutes(at)
  return `${jakartaDay(at)}T${pad(Math.floor(m / 60))}:${pad(m % 60)}`
}

/** An `<input type="datetime-local">` value read as Jakarta time, as ISO 8601 with the +07:00 offset. */
export function fromJakartaLocalInput(value: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(value)
  return match ? `${match[1]}T${match[2]}:${match[3]}:00+07:00` : null
}

/** An instant as ISO 8601 with the +07:00 offset, as the API takes times. */
export function toJakartaIso(at: Date | string | number): string {
  return fromJakartaLocalInput(toJakartaLocalInput(new Date(at)))!
}

const tag = (locale: string) => (locale === 'en' ? 'en-GB' : 'id-ID')

/** '09.30' / '09:30' in Jakarta. */
export function formatJakartaTime(at: Date | string, locale = 'id'): string {
  return new Intl.DateTimeFormat(tag(locale), { timeZone: 'Asia/Jakarta', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at))
}

/** A Jakarta day in words, e.g. { weekday: 'short', day: 'numeric' }. */
export function formatJakartaDay(day: string, locale: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(tag(locale), { timeZone: 'Asia/Jakarta', ...options }).format(jakartaInstant(day, 12 * 60))
}

// Form helpers of the activity and follow-up forms.

/** An instant as Jakarta wall-clock time for a datetime-local input; '' for nothing or an invalid time. */
export function toJakartaLocal(value: string | Date | null | undefined): string {
  if (!value) return ''
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? '' : toJakartaLocalInput(d)
}

/** Jakarta wall-clock time from a datetime-local input as ISO 8601 with +07:00; null for an empty input; anything else as given. */
export function fromJakartaLocal(local: string | null | undefined): string | null {
  if (!local) return null
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00+07:00` : local
}

/** Jakarta 'YYYY-MM-DD' of an instant. */
export const jakartaDate = (at: Date): string => jakartaDay(at)

/** `hour`:00 WIB, `days` calendar days after the Jakarta day of `now`, as ISO with +07:00. */
export function jakartaAt(days: number, hour: number, now = new Date()): string {
  return `${addDays(jakartaDay(now), days)}T${pad(hour)}:00:00+07:00`
}

export type QuickPick = 'tomorrow' | 'in3days' | 'nextWeek'

/** The due-date shortcuts of the activity form: tomorrow 09:00, in three days 09:00, next Monday 09:00. */
export function quickPick(pick: QuickPick, now = new Date()): string {
  if (pick === 'tomorrow') return jakartaAt(1, 9, now)
  if (pick === 'in3days') return jakartaAt(3, 9, now)
  return jakartaAt(7 - weekday(jakartaDay(now)), 9, now)
}

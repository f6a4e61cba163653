/**
 * Wall-clock times in Asia/Jakarta (UTC+7 all year) for forms: `<input type="datetime-local">` speaks
 * 'YYYY-MM-DDTHH:mm' without a zone, the API speaks ISO 8601 with an offset. Both sides go through here.
 */
const WIB = 7 * 3_600_000
const DAY = 24 * 3_600_000

/** An instant as Jakarta wall-clock time for a datetime-local input; '' for nothing. */
export function toJakartaLocal(value: string | Date | null | undefined): string {
  if (!value) return ''
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return ''
  return new Date(d.getTime() + WIB).toISOString().slice(0, 16)
}

/** Jakarta wall-clock time from a datetime-local input as ISO 8601 with +07:00; null for an empty input. */
export function fromJakartaLocal(local: string | null | undefined): string | null {
  if (!local) return null
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00+07:00` : local
}

/** Jakarta 'YYYY-MM-DD' of an instant. */
export function jakartaDate(at: Date): string {
  return new Date(at.getTime() + WIB).toISOString().slice(0, 10)
}

/** `hour`:00 WIB, `days` calendar days after the Jakarta day of `now`, as ISO with +07:00. */
export function jakartaAt(days: number, hour: number, now = new Date()): string {
  const day = jakartaDate(new Date(now.getTime() + days * DAY))
  return `${day}T${String(hour).padStart(2, '0')}:00:00+07:00`
}

export type QuickPick = 'tomorrow' | 'in3days' | 'nextWeek'

/** The due-date shortcuts of the activity form: tomorrow 09:00, in three days 09:00, next Monday 09:00. */
export function quickPick(pick: QuickPick, now = new Date()): string {
  if (pick === 'tomorrow') return jakartaAt(1, 9, now)
  if (pick === 'in3days') return jakartaAt(3, 9, now)
  const weekday = (new Date(now.getTime() + WIB).getUTCDay() + 6) % 7 // Monday = 0
  return jakartaAt(7 - weekday, 9, now)
}

/** Calendar arithmetic in Asia/Jakarta (UTC+7 all year, no daylight saving) over the UTC instants the database stores. */
const HOUR = 3_600_000
const DAY = 24 * HOUR
const WIB = 7 * HOUR

/** 00:00 WIB of a 'YYYY-MM-DD' day, as a UTC instant. */
export function jakartaDayStart(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d) - WIB)
}

/** 00:00 WIB of the day after a 'YYYY-MM-DD' day: the exclusive end of that day. */
export function jakartaDayEnd(day: string): Date {
  return new Date(jakartaDayStart(day).getTime() + DAY)
}

/** Today in Jakarta and the week (Monday to Sunday) around it, as [start, end) instants. */
export function jakartaRanges(now = new Date()) {
  const todayStart = Math.floor((now.getTime() + WIB) / DAY) * DAY - WIB
  const weekday = (new Date(todayStart + WIB).getUTCDay() + 6) % 7 // Monday = 0
  const weekStart = todayStart - weekday * DAY
  return {
    today: [new Date(todayStart), new Date(todayStart + DAY)] as const,
    week: [new Date(weekStart), new Date(weekStart + 7 * DAY)] as const,
  }
}

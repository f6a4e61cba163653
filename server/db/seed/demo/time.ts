/** Time helpers: the database holds UTC, the school lives in Asia/Jakarta (UTC+7, no DST). */
import { Weighted } from './random'
import type { Rng } from './random'

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR
const WIB = 7 * HOUR

/** UTC ms of 00:00 WIB of the Jakarta day containing `ms`. */
export function jakartaDayStart(ms: number): number {
  return Math.floor((ms + WIB) / DAY) * DAY - WIB
}

/** 'YYYY-MM' of the Jakarta month containing `ms`. */
export function monthKey(ms: number): string {
  return new Date(ms + WIB).toISOString().slice(0, 7)
}

/** 'YYYY-MM-DD' of the Jakarta day containing `ms`. */
export function dayKey(ms: number): string {
  return new Date(ms + WIB).toISOString().slice(0, 10)
}

export function jakartaHour(ms: number): number {
  return new Date(ms + WIB).getUTCHours()
}

/** Year, month (0-11) and weekday (0 = Sunday) in Jakarta. */
export function jakartaParts(ms: number): { year: number, month: number, weekday: number } {
  const d = new Date(ms + WIB)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), weekday: d.getUTCDay() }
}

/** Move an instant into working hours (08:00-21:00 WIB), keeping it after `after`. */
export function workingHours(ms: number, rng: Rng): number {
  const h = jakartaHour(ms)
  if (h >= 8 && h < 21) return ms
  const start = jakartaDayStart(h < 8 ? ms : ms + DAY)
  return start + 8 * HOUR + Math.floor(rng.next() * 3 * HOUR)
}

// When leads come in during the day: office hours, a dip at lunch, parents in the evening.
const HOUR_WEIGHTS = [0.1, 0.05, 0.02, 0.02, 0.05, 0.2, 0.4, 0.7, 0.9, 1.0, 1.1, 1.0, 0.8, 0.9, 0.9, 0.95, 1.0, 0.9, 0.85, 1.1, 1.25, 1.0, 0.6, 0.3]
const ANY_HOUR = new Weighted(HOUR_WEIGHTS.map((_, i) => i), HOUR_WEIGHTS)
const SHOP_HOUR = new Weighted(HOUR_WEIGHTS.map((_, i) => i), HOUR_WEIGHTS.map((v, i) => (i >= 9 && i < 18 ? v : 0)))

/** A random instant on the Jakarta day starting at `dayStart`; `shop` keeps it within 09-18 (walk-ins, events). */
export function timeOnDay(rng: Rng, dayStart: number, shop: boolean): number {
  return dayStart + (shop ? SHOP_HOUR : ANY_HOUR).pick(rng) * HOUR + Math.floor(rng.next() * HOUR)
}

// Bimbel seasons: UTBK rush Jan-Feb, new school year Jun-Jul, quiet in December and at exam time.
const MONTH_WEIGHTS = [1.15, 1.2, 1.0, 0.8, 0.85, 1.25, 1.3, 1.05, 0.95, 1.0, 0.9, 0.7]
const WEEKDAY_WEIGHTS = [0.6, 1.1, 1.05, 1.0, 1.0, 0.95, 0.8]

export interface DayPlan {
  start: number
  count: number
}

/**
 * Spread `n` leads over the 365 Jakarta days before today plus today so far: growing over the year
 * (the school advertises more), seasonal, quieter at weekends. Counts add up to exactly `n`.
 */
export function planDays(n: number, now: number, rng: Rng): DayPlan[] {
  const today = jakartaDayStart(now)
  const starts: number[] = []
  const weights: number[] = []
  for (let i = 365; i >= 0; i--) {
    const start = today - i * DAY
    const { month, weekday } = jakartaParts(start)
    let w = (1 + 0.6 * (365 - i) / 365) * MONTH_WEIGHTS[month]! * WEEKDAY_WEIGHTS[weekday]! * rng.float(0.8, 1.2)
    if (i === 0) {
      const hour = jakartaHour(now)
      w *= HOUR_WEIGHTS.slice(0, hour).reduce((a, b) => a + b, 0) / HOUR_WEIGHTS.reduce((a, b) => a + b, 0)
    }
    starts.push(start)
    weights.push(w)
  }
  const total = weights.reduce((a, b) => a + b, 0)
  const plan: DayPlan[] = []
  let cum = 0
  let given = 0
  for (let i = 0; i < starts.length; i++) {
    cum += weights[i]!
    const upTo = i === starts.length - 1 ? n : Math.round((n * cum) / total)
    plan.push({ start: starts[i]!, count: upTo - given })
    given = upTo
  }
  return plan
}

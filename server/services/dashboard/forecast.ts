import type { ForecastFigure } from '../../../shared/types/dashboard'
import { jakartaDay } from '../../../shared/utils/jakarta'
import { daysInMonth, monthRange, percent } from './actuals'

/**
 * The month's revenue projected at the pace so far (a run rate): revenue to date ÷ Jakarta days elapsed (today
 * counts as elapsed) × days in the month. A finished month projects to what it made; one not yet begun to nothing
 * (null). Chosen over a probability-weighted pipeline because leads carry no expected close date to tell which
 * of them would close in the month.
 */
export function runRateForecast(month: string, real: number, target: number | null, now: Date): ForecastFigure {
  const days = daysInMonth(month)
  const [start, end] = monthRange(month)
  let elapsedDays: number
  if (now < start) elapsedDays = 0
  else if (now >= end) elapsedDays = days
  else elapsedDays = Number(jakartaDay(now).slice(8, 10))
  const value = elapsedDays === 0 ? null : elapsedDays === days ? real : Math.round((real / elapsedDays) * days)
  return { method: 'run_rate', value, real, elapsedDays, daysInMonth: days, target, pct: value == null ? null : percent(value, target) }
}

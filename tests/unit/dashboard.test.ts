import { describe, expect, it } from 'vitest'
import { monthRange, percent, shiftMonth } from '../../server/services/dashboard/actuals'
import { runRateForecast } from '../../server/services/dashboard/forecast'

describe('dashboard arithmetic', () => {
  it('bounds Jakarta months in UTC and moves across years', () => {
    expect(monthRange('2026-10').map(d => d.toISOString())).toEqual(['2026-09-30T17:00:00.000Z', '2026-10-31T17:00:00.000Z'])
    expect(shiftMonth('2026-01', -1)).toBe('2025-12')
    expect(shiftMonth('2026-12', 1)).toBe('2027-01')
    expect(percent(2, 7)).toBe(28.6)
    expect(percent(1, 0)).toBeNull()
    expect(percent(1, null)).toBeNull()
  })

  it('projects revenue at the run rate, with today counted as elapsed in Jakarta', () => {
    // 10 November 2026, 00:30 WIB is still 9 November in UTC: ten days have begun in Jakarta.
    const now = new Date('2026-11-10T00:30:00+07:00')
    expect(runRateForecast('2026-11', 10_000_000, 40_000_000, now)).toEqual({
      method: 'run_rate', value: 30_000_000, real: 10_000_000, elapsedDays: 10, daysInMonth: 30, target: 40_000_000, pct: 75,
    })
    expect(runRateForecast('2026-10', 7_000_000, null, now)).toMatchObject({ value: 7_000_000, elapsedDays: 31, pct: null })
    expect(runRateForecast('2026-12', 0, 5_000_000, now)).toMatchObject({ value: null, elapsedDays: 0, pct: null })
  })
})

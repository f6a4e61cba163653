import { describe, expect, it } from 'vitest'
import { jakartaMonth, lastDayOfMonth, monthRange, shiftMonth } from '#shared/utils/months'

describe('Jakarta months', () => {
  it('buckets an instant by the Jakarta calendar, not UTC', () => {
    expect(jakartaMonth('2026-10-31T23:30:00+07:00')).toBe('2026-10')
    expect(jakartaMonth('2026-10-31T17:30:00Z')).toBe('2026-11') // 00:30 WIB on 1 November
    expect(jakartaMonth('2026-11-01T00:30:00+07:00')).toBe('2026-11')
  })

  it('gives a month as [00:00 WIB on the 1st, 00:00 WIB on the next month\'s 1st)', () => {
    const [from, to] = monthRange('2026-12')
    expect(from.toISOString()).toBe('2026-11-30T17:00:00.000Z')
    expect(to.toISOString()).toBe('2026-12-31T17:00:00.000Z')
  })

  it('moves across years and knows the last day', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12')
    expect(shiftMonth('2026-12', 1)).toBe('2027-01')
    expect(lastDayOfMonth('2028-02')).toBe('2028-02-29')
    expect(lastDayOfMonth('2026-02')).toBe('2026-02-28')
  })
})

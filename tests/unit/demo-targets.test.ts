import { describe, expect, it } from 'vitest'
import type { Catalog } from '../../server/db/seed/demo/catalog'
import { Actuals, makeTargets } from '../../server/db/seed/demo/extras'
import { Rng } from '../../server/db/seed/demo/random'

/** The demo data's monthly targets, made from what the generated leads achieved, as of any moment. */

// Overall only: no programs, channels or staff to set targets for.
const cat = { programList: [], channels: { items: [] }, staff: [], managers: [] } as unknown as Catalog

/** 2026 at 300 leads, 40 students and Rp 200 million a month; January 2027 as far as `january` says. */
function actualsWith(january: number): Actuals {
  const a = new Actuals()
  for (let m = 1; m <= 12; m++) a.add(`2026-${String(m).padStart(2, '0')}`, 'overall', 0, 300, 40, 200_000_000)
  a.add('2027-01', 'overall', 0, january, 0, 0)
  return a
}

const overall = (now: string, january: number, month: string) =>
  makeTargets(new Rng(7), cat, actualsWith(january), new Date(now).getTime()).find(t => t.month === month && t.scope === 'overall')!

describe('demo targets', () => {
  it('sets this month\'s target at the pace of the months before when the month has only just begun in Jakarta', () => {
    // 00:10 WIB on 1 January (still 31 December in UTC): no lead yet this month, yet the month needs a real target.
    const target = overall('2027-01-01T00:10:00+07:00', 0, '2027-01')
    expect(target.leads).toBeGreaterThanOrEqual(200)
    expect(target.leads).toBeLessThanOrEqual(500)
    expect(target.students).toBeGreaterThanOrEqual(25)
    expect(target.revenue).toBeGreaterThanOrEqual(100_000_000)
  })

  it('scales the month so far to the whole month once a few days have passed', () => {
    // Mid-January, 150 leads in: on course for about 300.
    const target = overall('2027-01-16T12:00:00+07:00', 150, '2027-01')
    expect(target.leads).toBeGreaterThanOrEqual(200)
    expect(target.leads).toBeLessThanOrEqual(500)
    // The last of the twelve months and the next one, across the year.
    expect(overall('2027-01-16T12:00:00+07:00', 150, '2026-02')).toBeDefined()
    expect(overall('2027-01-16T12:00:00+07:00', 150, '2027-02')).toBeDefined()
  })
})

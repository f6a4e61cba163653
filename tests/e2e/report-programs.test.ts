import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enrollments, programs, targets } from '../../server/db/schema'
import { formatRupiah } from '#shared/utils/format'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { close, launch, newPage, PHONE, signIn, visit } from './browser'
import { cell, chartDrawn, firstColumn, fitsPhone, pick } from './report-support'

/** The program achievement page over February 2041, a month no other browser test writes to. */
const { db, pool } = testDb()
const { stageId, channelId, insertLead } = catalogHelpers(db)
const at = (wib: string) => new Date(`${wib}+07:00`)
const program: Record<string, { id: number, name: string }> = {}

beforeAll(async () => {
  await launch()
  for (const p of await db.select().from(programs)) program[p.code] = { id: p.id, name: p.name }
  const tiktok = await channelId('tiktok_ads')
  const referral = await channelId('referral')
  const won = await stageId('won')
  const lead = (created: string, code: string, channel: number, stage?: number) => insertLead({
    studentName: `Program ${created}`, createdAt: at(created), programId: program[code]!.id, channelId: channel, ...(stage ? { stageId: stage } : {}),
  })
  const a = await lead('2041-02-28T23:30:00', 'UTBK-INT', tiktok, won)
  await lead('2041-02-10T09:00:00', 'UTBK-INT', referral)
  const c = await lead('2041-02-11T09:00:00', 'SMA-REG', referral, won)
  await db.insert(enrollments).values([
    { leadId: a, programId: program['UTBK-INT']!.id, amount: 7_500_000, enrolledAt: at('2041-02-28T23:45:00'), channelId: tiktok, status: 'active' },
    { leadId: c, programId: program['SMA-REG']!.id, amount: 4_800_000, enrolledAt: at('2041-02-12T09:00:00'), channelId: referral, status: 'active' },
  ])
  await db.insert(targets).values({ month: '2041-02', scope: 'program', scopeId: program['UTBK-INT']!.id, students: 2, revenue: 15_000_000, leads: 0 })
})
afterAll(async () => {
  await close()
  await pool.end()
})

describe('program achievement', () => {
  it('shows each program against its target, filters by channel in the URL, and keeps it on reload', async () => {
    const page = await newPage()
    await signIn(page, 'manager@demo.test')
    await visit(page, '/reports/programs?from=2041-02&to=2041-02')
    const utbk = program['UTBK-INT']!.name
    const sma = program['SMA-REG']!.name
    await page.getByTestId('programs-table').waitFor()
    expect(await firstColumn(page, 'programs-table')).toEqual([utbk, sma, 'Total'])
    expect(await cell(page, 'programs-table', utbk, 'revenueReal')).toBe(formatRupiah(7_500_000))
    expect(await cell(page, 'programs-table', utbk, 'revenueTarget')).toBe(formatRupiah(15_000_000))
    expect(await cell(page, 'programs-table', utbk, 'revenuePct')).toBe('50%')
    expect(await cell(page, 'programs-table', utbk, 'leads')).toBe('2')
    expect(await cell(page, 'programs-table', utbk, 'conversion')).toBe('50%')
    expect(await cell(page, 'programs-table', 'Total', 'revenueReal')).toBe(formatRupiah(12_300_000))
    await chartDrawn(page, 'chart-programs')

    await pick(page, 'filter-channel', 'TikTok Ads')
    await page.waitForURL(u => u.searchParams.get('channelId') !== null)
    await expect.poll(() => firstColumn(page, 'programs-table')).toEqual([utbk, 'Total'])
    await page.getByTestId('programs-targets-note').waitFor()
    expect(await page.getByTestId('programs-table').locator('thead').innerText()).not.toContain('Target')

    await page.reload()
    await page.getByTestId('programs-table').waitFor()
    expect(new URL(page.url()).searchParams.get('channelId')).not.toBeNull()
    expect(await firstColumn(page, 'programs-table')).toEqual([utbk, 'Total'])
    expect(await cell(page, 'programs-table', utbk, 'revenueReal')).toBe(formatRupiah(7_500_000))
  })

  it('hides revenue from Admin', async () => {
    const page = await newPage()
    await signIn(page, 'admin@demo.test')
    await visit(page, '/reports/programs?from=2041-02&to=2041-02')
    await page.getByTestId('programs-table').waitFor()
    expect(await cell(page, 'programs-table', program['UTBK-INT']!.name, 'studentsPct')).toBe('50%')
    expect(await page.getByTestId('report-page-programs').innerText()).not.toContain('Rp')
  })

  it('fits a phone', async () => {
    const page = await newPage(PHONE)
    await signIn(page, 'owner@demo.test')
    await visit(page, '/reports/programs?from=2041-02&to=2041-02')
    await page.getByTestId('programs-table').waitFor()
    await chartDrawn(page, 'chart-programs')
    await fitsPhone(page)
  })
})

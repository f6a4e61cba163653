import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { targets } from '../../server/db/schema'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { close, launch, newPage, PHONE, signIn, visit } from './browser'
import { cell, chartDrawn, firstColumn, fitsPhone, pick } from './report-support'

/** The leads page over March 2041, a month no other browser test writes to. */
const { db, pool } = testDb()
const { stageId, channelId, insertLead } = catalogHelpers(db)
const at = (wib: string) => new Date(`${wib}+07:00`)

beforeAll(async () => {
  await launch()
  const tiktok = await channelId('tiktok_ads')
  const referral = await channelId('referral')
  const won = await stageId('won')
  const lead = (created: string, channel: number, school: string, stage?: number) =>
    insertLead({ studentName: `Prospek ${created}`, createdAt: at(created), channelId: channel, school, ...(stage ? { stageId: stage } : {}) })
  await lead('2041-03-31T23:30:00', tiktok, 'SMAN 8 Jakarta', won)
  await lead('2041-03-05T09:00:00', tiktok, 'sman 8 jakarta')
  await lead('2041-03-06T09:00:00', tiktok, 'SMAN 8 Jakarta ')
  await lead('2041-03-07T09:00:00', referral, 'SMA Labschool Kebayoran', won)
  await lead('2041-03-08T09:00:00', referral, 'SMA Labschool Kebayoran')
  await lead('2041-04-01T00:10:00', referral, 'SMA Labschool Kebayoran')
  await db.insert(targets).values({ month: '2041-03', scope: 'channel', scopeId: tiktok, leads: 4, students: 0, revenue: 0 })
})
afterAll(async () => {
  await close()
  await pool.end()
})

describe('the leads report', () => {
  it('groups by channel, switches to schools through the URL, and keeps it on reload', async () => {
    const page = await newPage()
    await signIn(page, 'manager@demo.test')
    await visit(page, '/reports/leads?from=2041-03&to=2041-03')
    await page.getByTestId('leads-table').waitFor()
    expect(await firstColumn(page, 'leads-table')).toEqual(['TikTok Ads', 'Referral', 'Total'])
    expect(await cell(page, 'leads-table', 'TikTok Ads', 'leads')).toBe('3')
    expect(await cell(page, 'leads-table', 'TikTok Ads', 'share')).toBe('60%')
    expect(await cell(page, 'leads-table', 'TikTok Ads', 'target')).toBe('4')
    expect(await cell(page, 'leads-table', 'TikTok Ads', 'pct')).toBe('75%')
    expect(await cell(page, 'leads-table', 'Referral', 'conversion')).toBe('50%')
    expect(await cell(page, 'leads-table', 'Total', 'leads')).toBe('5')
    await chartDrawn(page, 'chart-leads')

    await pick(page, 'filter-by', 'Per sekolah')
    await page.waitForURL(u => u.searchParams.get('by') === 'school')
    await expect.poll(() => firstColumn(page, 'leads-table')).toEqual(['SMAN 8 Jakarta', 'SMA Labschool Kebayoran', 'Total'])
    expect(await cell(page, 'leads-table', 'SMAN 8 Jakarta', 'won')).toBe('1')
    await page.getByTestId('leads-free-text-note').waitFor()

    await pick(page, 'filter-channel', 'Referral')
    await page.waitForURL(u => u.searchParams.get('channelId') !== null)
    await expect.poll(() => firstColumn(page, 'leads-table')).toEqual(['SMA Labschool Kebayoran', 'Total'])

    await page.reload()
    await page.getByTestId('leads-table').waitFor()
    expect(await firstColumn(page, 'leads-table')).toEqual(['SMA Labschool Kebayoran', 'Total'])
    expect(await cell(page, 'leads-table', 'Total', 'leads')).toBe('2')
    expect(await page.getByTestId('filter-by').innerText()).toContain('Per sekolah')
  })

  it('fits a phone', async () => {
    const page = await newPage(PHONE)
    await signIn(page, 'owner@demo.test')
    await visit(page, '/reports/leads?from=2041-03&to=2041-03&by=school')
    await page.getByTestId('leads-table').waitFor()
    await chartDrawn(page, 'chart-leads')
    await fitsPhone(page)
  })
})

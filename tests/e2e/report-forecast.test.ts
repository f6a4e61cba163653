import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { channels } from '../../server/db/schema'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { call } from '../support/http'
import { close, launch, newPage, PHONE, signIn, visit } from './browser'
import { tokenFor, uniqueTag } from './leads-support'

/** The forecast page in Chromium over leads of a channel of its own, expected in early 2043 (and one long past due). */
const { db, pool } = testDb()
const { stageId, insertLead } = catalogHelpers(db)
const at = (wib: string) => new Date(`${wib}+07:00`)
let channelId: number
let farid: string

beforeAll(async () => {
  await launch()
  const tag = uniqueTag('Ramal')
  const owner = await tokenFor('owner@demo.test')
  const user = async (name: string) => {
    const res = await call('POST', '/api/users', { token: owner, body: { name, email: `${name.split(' ')[0]!.toLowerCase()}.${tag}@demo.test`.toLowerCase(), role: 'sales', password: 'rahasia-ramal-2' } })
    expect(res.status).toBe(201)
    return res.body.id as number
  }
  farid = `Farid ${tag}`
  const [eka, faridId] = [await user(`Eka ${tag}`), await user(farid)]
  ;[{ id: channelId }] = await db.insert(channels).values({ code: tag.toLowerCase(), name: `Kanal ${tag}`, sourceType: 'event', active: false }).$returningId() as [{ id: number }]
  const lead = async (who: number, stage: string, value: number, dates: { closeOn?: string, followUp?: string }) => insertLead({
    studentName: `${tag} ${stage}`, channelId, assignedTo: who, stageId: await stageId(stage), expectedValue: value,
    expectedCloseOn: dates.closeOn ?? null, nextFollowUpAt: dates.followUp ? at(dates.followUp) : null,
  })
  await lead(eka, 'negotiation', 2_000_000, { closeOn: '2043-01-15' }) // January: 1,500,000
  await lead(faridId, 'interested', 3_000_000, { followUp: '2043-02-28T23:30:00' }) // February: 1,500,000
  await lead(faridId, 'prospect', 1_000_000, { followUp: '2043-03-01T00:10:00' }) // March: 100,000
  await lead(eka, 'follow_up', 4_000_000, { closeOn: '2020-01-01' }) // past due: 1,000,000
})
afterAll(async () => {
  await close()
  await pool.end()
})

const rows = (page: Page) => page.getByTestId('forecast-months').locator('tbody tr')
const cell = (page: Page, row: number, key: string) => rows(page).nth(row).getByTestId(`cell-${key}`).innerText()
const rupiah = (text: string) => Number(text.replace(/\D/g, ''))

describe('the forecast page', () => {
  it('shows the months, the weighted values and the chart; the person filter changes the URL and the figures, a reload keeps them', async () => {
    const page = await newPage()
    await signIn(page, 'owner@demo.test')
    await visit(page, `/reports/forecast?from=2043-01&to=2043-03&channelId=${channelId}`)
    await rows(page).first().waitFor()
    // Past due, January, February, March, outside the period, no date, total.
    expect(await rows(page).count()).toBe(7)
    expect(await cell(page, 0, 'label')).toBe('Terlambat')
    expect(await cell(page, 1, 'label')).toBe('Januari 2043')
    expect(rupiah(await cell(page, 1, 'weighted'))).toBe(1_500_000)
    expect(rupiah(await cell(page, 2, 'weighted'))).toBe(1_500_000)
    expect(rupiah(await cell(page, 3, 'weighted'))).toBe(100_000)
    expect(rupiah(await cell(page, 0, 'weighted'))).toBe(1_000_000)
    expect(await cell(page, 6, 'count')).toBe('4')
    expect(rupiah(await cell(page, 6, 'pipeline'))).toBe(10_000_000)
    expect(rupiah(await cell(page, 6, 'weighted'))).toBe(4_100_000)
    expect(await page.getByTestId('forecast-stat-weighted').innerText()).toMatch(/Rp\s?4\.100\.000/)
    const canvas = page.locator('canvas[data-testid="chart-forecast"]')
    await canvas.waitFor()
    expect((await canvas.boundingBox())!.height).toBeGreaterThan(100)

    await page.getByTestId('filter-user').click()
    await page.getByRole('option', { name: farid }).click()
    await page.waitForURL(u => u.searchParams.has('userId'))
    await expect.poll(async () => rupiah(await cell(page, 6, 'weighted'))).toBe(1_600_000)
    expect(rupiah(await cell(page, 1, 'weighted'))).toBe(0)

    await page.reload()
    await rows(page).first().waitFor()
    expect(new URL(page.url()).searchParams.get('userId')).not.toBeNull()
    expect(rupiah(await cell(page, 6, 'weighted'))).toBe(1_600_000)
    expect(await page.getByTestId('forecast-users').innerText()).toContain(farid)
  })

  it('gives Admin the counts only', async () => {
    const page = await newPage()
    await signIn(page, 'admin@demo.test')
    await visit(page, `/reports/forecast?from=2043-01&to=2043-03&channelId=${channelId}`)
    await rows(page).first().waitFor()
    expect(await cell(page, 6, 'count')).toBe('4')
    expect(await page.getByTestId('forecast-months').getByTestId('cell-weighted').count()).toBe(0)
    expect(await page.getByTestId('report-page-forecast').innerText()).not.toContain('Rp')
  })

  it('fits a phone: no sideways scrolling of the page', async () => {
    const page = await newPage(PHONE)
    await signIn(page, 'manager@demo.test')
    await visit(page, `/reports/forecast?from=2043-01&to=2043-03&channelId=${channelId}`)
    await rows(page).first().waitFor()
    await page.locator('canvas[data-testid="chart-forecast"]').waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
  })
})

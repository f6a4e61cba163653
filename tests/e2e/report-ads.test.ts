import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { formatRupiah } from '#shared/utils/format'
import { adSpend, enrollments, programs } from '../../server/db/schema'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { close, launch, newPage, PHONE, signIn, visit } from './browser'

/** The ads report in Chromium over January–February 2042 of its own: table, chart, filters in the URL. */
const { db, pool } = testDb()
const { channelId, insertLead } = catalogHelpers(db)
const ch: Record<string, number> = {}
const PATH = '/reports/ads?from=2042-01&to=2042-02'

beforeAll(async () => {
  await launch()
  for (const code of ['tiktok_ads', 'instagram_ads']) ch[code] = await channelId(code)
  const at = (wib: string) => new Date(`${wib}+07:00`)
  await db.insert(adSpend).values([
    { day: '2042-01-10', channelId: ch.tiktok_ads!, campaign: 'Promo E2E', spend: 1_000_000, impressions: 50_000, clicks: 1_000, platformLeads: 12 },
    { day: '2042-02-10', channelId: ch.instagram_ads!, campaign: 'Story E2E', spend: 800_000, impressions: 40_000, clicks: 400, platformLeads: 8 },
  ])
  const lead = (created: string, channel: number, utmCampaign: string) =>
    insertLead({ studentName: `Iklan ${created}`, channelId: channel, utmCampaign, createdAt: at(created), updatedAt: at(created) })
  const jan = await lead('2042-01-31T23:30:00', ch.tiktok_ads!, 'promo e2e') // January in Jakarta
  await lead('2042-02-01T00:10:00', ch.tiktok_ads!, 'Promo E2E') // February in Jakarta
  await lead('2042-02-11T10:00:00', ch.instagram_ads!, 'Story E2E')
  const [program] = await db.select().from(programs).limit(1)
  await db.insert(enrollments).values({ leadId: jan, programId: program!.id, channelId: ch.tiktok_ads!, amount: 3_000_000, enrolledAt: at('2042-02-05T10:00:00'), status: 'active' })
})
afterAll(async () => {
  await close()
  await pool.end()
})

const rows = (page: Page) => page.getByTestId('ads-table').locator('tbody tr')
const cell = (page: Page, row: number, key: string) => rows(page).nth(row).getByTestId(`cell-${key}`).innerText()
const rp = (n: number) => formatRupiah(n).replace(/\s/g, ' ')
const text = async (p: Promise<string>) => (await p).replace(/\s/g, ' ')

async function chartDrawn(page: Page) {
  const canvas = page.locator('canvas[data-testid="chart-ads"]')
  await canvas.waitFor()
  const box = await canvas.boundingBox()
  expect(box!.width).toBeGreaterThan(100)
  expect(box!.height).toBeGreaterThan(100)
}

describe('the ads report', () => {
  it('shows the months with their figures and the chart; platform and grouping go into the URL and survive a reload', async () => {
    const page = await newPage()
    await signIn(page, 'manager@demo.test')
    await visit(page, PATH)
    await expect.poll(() => rows(page).count()).toBe(3) // two months and the total
    expect(await cell(page, 0, 'label')).toBe('Januari 2042')
    expect(await text(cell(page, 0, 'spend'))).toBe(rp(1_000_000))
    expect(await cell(page, 0, 'leads')).toBe('1')
    expect(await text(cell(page, 0, 'cpl'))).toBe(rp(1_000_000))
    expect(await cell(page, 1, 'leads')).toBe('2')
    expect(await cell(page, 1, 'closings')).toBe('1')
    expect(await text(cell(page, 2, 'spend'))).toBe(rp(1_800_000))
    expect(await cell(page, 2, 'leads')).toBe('3')
    expect(await cell(page, 2, 'roas')).toBe('1,67×') // 3.000.000 / 1.800.000
    await chartDrawn(page)

    await page.getByTestId('filter-platform').click()
    await page.getByRole('option', { name: 'Instagram Ads', exact: true }).click()
    await page.waitForURL(u => u.searchParams.get('channelId') === String(ch.instagram_ads))
    await expect.poll(() => text(cell(page, 2, 'spend'))).toBe(rp(800_000))
    expect(await cell(page, 2, 'leads')).toBe('1')

    await page.getByTestId('filter-by').click()
    await page.getByRole('option', { name: 'Per kampanye' }).click()
    await page.waitForURL(u => u.searchParams.get('by') === 'campaign')
    await expect.poll(() => cell(page, 0, 'label')).toBe('Story E2E')
    expect(await rows(page).count()).toBe(2)

    await page.reload()
    await rows(page).first().waitFor()
    expect(await cell(page, 0, 'label')).toBe('Story E2E')
    expect(await text(cell(page, 1, 'spend'))).toBe(rp(800_000))
    await chartDrawn(page)
  })

  it('shows Admin the counts without any money', async () => {
    const page = await newPage()
    await signIn(page, 'admin@demo.test')
    await visit(page, PATH)
    await expect.poll(() => rows(page).count()).toBe(3)
    expect(await cell(page, 2, 'leads')).toBe('3')
    expect(await cell(page, 2, 'clicks')).toBe('1.400')
    expect(await page.getByTestId('report-page-ads').innerText()).not.toContain('Rp')
  })

  it('is not for Sales/CS: not listed, and the page answers 403', async () => {
    const page = await newPage()
    await signIn(page, 'sales@demo.test')
    await visit(page, '/reports')
    await page.getByTestId('reports-list').waitFor()
    expect(await page.getByTestId('report-funnel').count()).toBe(1)
    expect(await page.getByTestId('report-ads').count()).toBe(0)
    expect((await page.goto('/reports/ads'))?.status()).toBe(403)
  })

  it('fits a phone: the table scrolls inside its card, the page does not', async () => {
    const page = await newPage(PHONE)
    await signIn(page, 'owner@demo.test')
    await visit(page, PATH)
    await expect.poll(() => rows(page).count()).toBe(3)
    await chartDrawn(page)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
  })
})

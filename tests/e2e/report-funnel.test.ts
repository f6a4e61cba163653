import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { leadStageHistory, programs } from '../../server/db/schema'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { close, launch, newPage, PHONE, signIn, visit } from './browser'

/** The funnel in Chromium over leads of a program of its own created in May–June 2042. */
const { db, pool } = testDb()
const { stageId, channelId, insertLead } = catalogHelpers(db)
let path = ''

beforeAll(async () => {
  await launch()
  const [{ id: programId }] = await db.insert(programs)
    .values({ code: `FNL-E2E-${Date.now()}`, name: 'Program Funnel E2E', level: 'SMA', price: 1, active: false }).$returningId() as [{ id: number }]
  path = `/reports/funnel?from=2042-05&to=2042-06&programId=${programId}`
  const stage: Record<string, number> = {}
  for (const code of ['prospect', 'follow_up', 'interested', 'negotiation', 'won', 'lost']) stage[code] = await stageId(code)
  const tiktok = await channelId('tiktok_ads')
  const referral = await channelId('referral')
  const DAY = 86_400_000
  async function lead(created: string, channel: number, path: string[]) {
    const at = new Date(`${created}+07:00`)
    const id = await insertLead({ studentName: `Funnel ${created}`, programId, channelId: channel, stageId: stage[path.at(-1)!], createdAt: at, updatedAt: at })
    await db.insert(leadStageHistory).values(path.map((code, i) => ({
      leadId: id, fromStageId: i ? stage[path[i - 1]!] : null, toStageId: stage[code]!, changedAt: new Date(at.getTime() + i * 2 * DAY),
    })))
  }
  await lead('2042-05-31T23:30:00', tiktok, ['prospect', 'follow_up', 'interested', 'won'])
  await lead('2042-06-01T00:10:00', tiktok, ['prospect', 'follow_up', 'lost'])
  await lead('2042-06-05T10:00:00', referral, ['prospect', 'lost'])
  await lead('2042-06-06T10:00:00', referral, ['prospect'])
})
afterAll(async () => {
  await close()
  await pool.end()
})

const rows = (page: Page) => page.getByTestId('funnel-table').locator('tbody tr')
const column = (page: Page, key: string) => rows(page).getByTestId(`cell-${key}`).allInnerTexts()

describe('the funnel report', () => {
  it('shows each step with its figures and the chart; a filter goes into the URL and survives a reload', async () => {
    const page = await newPage()
    await signIn(page, 'manager@demo.test')
    await visit(page, path)
    await expect.poll(() => column(page, 'count')).toEqual(['4', '2', '1', '1', '1'])
    expect(await column(page, 'name')).toEqual(['Prospek', 'Follow-up', 'Tertarik', 'Negosiasi', 'Daftar (Won)'])
    expect(await column(page, 'conversion')).toEqual(['—', '50%', '50%', '100%', '100%'])
    expect(await column(page, 'lost')).toEqual(['1', '1', '0', '0', '—'])
    expect(await column(page, 'medianDays')).toEqual(['2 hr', '2 hr', '2 hr', '—', '—'])
    expect(await page.getByTestId('funnel-stat-leads').innerText()).toContain('4')
    const canvas = page.locator('canvas[data-testid="chart-funnel"]')
    await canvas.waitFor()
    expect((await canvas.boundingBox())!.width).toBeGreaterThan(100)

    await page.getByTestId('filter-channel').click()
    await page.getByRole('option', { name: 'Referral', exact: true }).click()
    await page.waitForURL(u => !!u.searchParams.get('channelId'))
    await expect.poll(() => column(page, 'count')).toEqual(['2', '0', '0', '0', '0'])

    await page.reload()
    await rows(page).first().waitFor()
    expect(await column(page, 'count')).toEqual(['2', '0', '0', '0', '0'])
    expect(new URL(page.url()).searchParams.get('from')).toBe('2042-05')
  })

  it('fits a phone', async () => {
    const page = await newPage(PHONE)
    await signIn(page, 'sales@demo.test')
    await visit(page, path)
    await rows(page).first().waitFor()
    expect(await page.getByTestId('report-scope').innerText()).toContain('Angka Anda')
    await page.locator('canvas[data-testid="chart-funnel"]').waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
  })
})

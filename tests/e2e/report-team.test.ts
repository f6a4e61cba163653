import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { activities, channels, enrollments, programs } from '../../server/db/schema'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { call } from '../support/http'
import { close, launch, newPage, PHONE, signIn, visit } from './browser'
import { tokenFor, uniqueTag } from './leads-support'

/** The team page in Chromium: one Sales/CS person of its own, May and June 2043 on a channel of its own. */
const { db, pool } = testDb()
const { stageId, insertLead } = catalogHelpers(db)
const at = (wib: string) => new Date(`${wib}+07:00`)
let channelId: number
let joko: string

beforeAll(async () => {
  await launch()
  const tag = uniqueTag('Tim')
  joko = `Joko ${tag}`
  const res = await call('POST', '/api/users', { token: await tokenFor('owner@demo.test'), body: { name: joko, email: `joko.${tag}@demo.test`.toLowerCase(), role: 'sales', password: 'rahasia-tim-2' } })
  expect(res.status).toBe(201)
  const jokoId = res.body.id as number
  ;[{ id: channelId }] = await db.insert(channels).values({ code: tag.toLowerCase(), name: `Kanal ${tag}`, sourceType: 'event', active: false }).$returningId() as [{ id: number }]
  const lead = async (created: string, stage: string) => insertLead({ studentName: `${tag} ${created}`, channelId, assignedTo: jokoId, stageId: await stageId(stage), createdAt: at(created) })
  const j1 = await lead('2043-05-31T23:30:00', 'won') // May
  await lead('2043-06-01T00:10:00', 'prospect') // June
  const j3 = await lead('2043-05-10T09:00:00', 'prospect')
  await db.insert(activities).values([
    { leadId: j1, userId: jokoId, type: 'call', occurredAt: at('2043-06-01T01:30:00') }, // 2 h, in June
    { leadId: j3, userId: jokoId, type: 'chat', occurredAt: at('2043-05-10T13:00:00') }, // 4 h
  ])
  const [program] = await db.select().from(programs).limit(1)
  await db.insert(enrollments).values({ leadId: j1, programId: program!.id, channelId, userId: jokoId, amount: 4_500_000, enrolledAt: at('2043-05-31T23:45:00'), status: 'active' })
})
afterAll(async () => {
  await close()
  await pool.end()
})

const row = (page: Page, table = 'results') => page.getByTestId(`team-${table}`).locator('tbody tr', { hasText: joko })
const cell = (page: Page, key: string, table = 'results') => row(page, table).getByTestId(`cell-${key}`).innerText()

describe('the team page', () => {
  it('shows each person\'s figures and the chart; the period changes the URL and the figures, a reload keeps them', async () => {
    const page = await newPage()
    await signIn(page, 'owner@demo.test')
    await visit(page, `/reports/team?from=2043-05&to=2043-05&channelId=${channelId}`)
    await row(page).waitFor()
    expect(await cell(page, 'leadsReal')).toBe('2')
    expect(await cell(page, 'conversionPct')).toBe('50%')
    expect(await cell(page, 'activities', 'work')).toBe('1')
    expect(await cell(page, 'medianResponseHours', 'work')).toBe('3 jam')
    expect(await cell(page, 'revenueReal')).toMatch(/^Rp\s?4\.500\.000$/)
    const canvas = page.locator('canvas[data-testid="chart-team"]')
    await canvas.waitFor()
    expect((await canvas.boundingBox())!.height).toBeGreaterThan(100)

    await page.getByTestId('filter-to').fill('2043-06')
    await page.waitForURL(u => u.searchParams.get('to') === '2043-06')
    await expect.poll(() => cell(page, 'leadsReal')).toBe('3')
    expect(await cell(page, 'conversionPct')).toBe('33,3%')
    expect(await cell(page, 'activities', 'work')).toBe('2')

    await page.reload()
    await row(page).waitFor()
    expect(new URL(page.url()).searchParams.get('to')).toBe('2043-06')
    expect(await cell(page, 'leadsReal')).toBe('3')
  })

  it('shows a Sales/CS user their own row only, and fits a phone', async () => {
    const page = await newPage(PHONE)
    await signIn(page, 'sales@demo.test')
    await visit(page, '/reports/team?from=2043-05&to=2043-05')
    await page.getByTestId('team-results').waitFor()
    for (const table of ['results', 'work']) expect(await page.getByTestId(`team-${table}`).locator('tbody tr').count()).toBe(2) // their row and the total
    expect(await page.getByTestId('report-scope').innerText()).toContain('Angka Anda')
    await page.locator('canvas[data-testid="chart-team"]').waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
  })
})

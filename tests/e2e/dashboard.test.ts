import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { enrollments, programs, targets } from '../../server/db/schema'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { close, launch, newPage, PHONE, signIn, visit } from './browser'

/** The dashboard in Chromium over two months of its own (May and June 2032): cards, charts, the month in the URL. */
const { db, pool } = testDb()
const { stageId, channelId, insertLead } = catalogHelpers(db)
let programName = ''

beforeAll(async () => {
  await launch()
  const tiktok = await channelId('tiktok_ads')
  const won = await stageId('won')
  const at = (wib: string) => new Date(`${wib}+07:00`)
  const make = (created: string, stage?: number) => insertLead({ studentName: `Dasbor ${created}`, channelId: tiktok, createdAt: at(created), updatedAt: at(created), ...(stage ? { stageId: stage } : {}) })
  const [june1, , , may1] = [
    await make('2032-06-02T10:00:00', won), await make('2032-06-10T10:00:00'), await make('2032-06-30T23:30:00'),
    await make('2032-05-15T10:00:00'),
  ]
  const [program] = await db.select().from(programs).limit(1)
  programName = program!.name
  await db.insert(enrollments).values({ leadId: june1!, programId: program!.id, amount: 4_800_000, enrolledAt: at('2032-06-03T10:00:00'), status: 'active' })
  await db.insert(enrollments).values({ leadId: may1!, programId: program!.id, amount: 2_400_000, enrolledAt: at('2032-05-20T10:00:00'), status: 'active' })
  await db.insert(targets).values([
    { month: '2032-06', scope: 'overall', scopeId: 0, revenue: 9_600_000, students: 2, leads: 4 },
    { month: '2032-05', scope: 'overall', scopeId: 0, revenue: 2_400_000, students: 1, leads: 2 },
  ])
})
afterAll(async () => {
  await close()
  await pool.end()
})

const value = (page: Page, key: string) => page.getByTestId(`kpi-${key}`).getByTestId('kpi-value').innerText()

async function chartsDrawn(page: Page) {
  for (const id of ['chart-trend', 'chart-funnel', 'chart-channels']) {
    const canvas = page.locator(`canvas[data-testid="${id}"]`)
    await canvas.waitFor()
    const box = await canvas.boundingBox()
    expect(box!.width, id).toBeGreaterThan(100)
    expect(box!.height, id).toBeGreaterThan(100)
  }
}

describe('the dashboard', () => {
  it('shows the month\'s cards and draws its charts; the month picker changes the URL and the figures', async () => {
    const page = await newPage()
    await signIn(page, 'owner@demo.test')
    await visit(page, '/?month=2032-06')
    expect(await value(page, 'revenue')).toMatch(/^Rp\s?4\.800\.000$/)
    expect(await value(page, 'students')).toBe('1')
    expect(await value(page, 'leads')).toBe('3')
    expect(await page.getByTestId('kpi-revenue').getByTestId('kpi-pct').innerText()).toBe('50%')
    // Up from one lead in May: +200 %, in the "up" colour.
    const change = page.getByTestId('kpi-leads').getByTestId('kpi-change')
    expect(await change.innerText()).toContain('+200%')
    expect(await change.locator('.text-success').count()).toBe(1)
    await chartsDrawn(page)
    expect(await page.getByTestId('table-programs').locator('tbody tr').count()).toBeGreaterThan(0)
    expect(await page.getByTestId('table-team').innerText()).toContain('Budi Sales')

    await page.getByTestId('month-prev').click()
    await page.waitForURL(u => u.searchParams.get('month') === '2032-05')
    await expect.poll(() => value(page, 'leads')).toBe('1')
    expect(await value(page, 'revenue')).toMatch(/^Rp\s?2\.400\.000$/)

    await page.locator('input[data-testid="month-picker"], [data-testid="month-picker"] input').fill('2032-06')
    await page.waitForURL(u => u.searchParams.get('month') === '2032-06')
    await expect.poll(() => value(page, 'leads')).toBe('3')
  })

  it('hides money from Admin', async () => {
    const page = await newPage()
    await signIn(page, 'admin@demo.test')
    await visit(page, '/?month=2032-06')
    expect(await value(page, 'students')).toBe('1')
    expect(await page.getByTestId('kpi-revenue').count()).toBe(0)
    expect(await page.getByTestId('kpi-forecast').count()).toBe(0)
    expect(await page.getByTestId('dashboard').innerText()).not.toContain('Rp')
  })

  it('stacks the cards and fits the charts on a phone', async () => {
    const page = await newPage(PHONE)
    await signIn(page, 'owner@demo.test')
    await visit(page, '/?month=2032-06')
    const boxes = await Promise.all(['revenue', 'students', 'leads'].map(k => page.getByTestId(`kpi-${k}`).boundingBox()))
    expect(boxes[0]!.x).toBe(boxes[1]!.x)
    expect(boxes[1]!.y).toBeGreaterThan(boxes[0]!.y + boxes[0]!.height - 1)
    await chartsDrawn(page)
    for (const id of ['chart-trend', 'chart-channels']) {
      const box = await page.locator(`canvas[data-testid="${id}"]`).boundingBox()
      expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width)
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
  })

  it('lists programs and the team on a phone with their figures on screen, no sideways scrolling', async () => {
    const page = await newPage(PHONE)
    await signIn(page, 'owner@demo.test')
    await visit(page, '/?month=2032-06')
    // The wide tables give way to stacked items below `sm`.
    const programList = page.getByTestId('list-programs')
    await programList.waitFor()
    expect(await page.getByTestId('table-programs').isVisible()).toBe(false)
    expect(await page.getByTestId('table-team').isVisible()).toBe(false)

    const onScreen = async (figure: Locator) => {
      await figure.scrollIntoViewIfNeeded()
      const box = (await figure.boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width)
      expect(box.y).toBeGreaterThanOrEqual(0)
      expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height)
    }
    const program = programList.getByTestId('program-item').filter({ has: page.getByText(programName, { exact: true }) })
    const revenue = program.getByTestId('program-revenue')
    expect(await revenue.innerText()).toMatch(/^Rp\s?4\.800\.000(\s*\/.*)?$/)
    await onScreen(revenue)
    expect(await program.getByTestId('program-students').innerText()).toMatch(/^1(\s*\/.*)?$/)
    await onScreen(program.getByTestId('program-students'))
    await onScreen(program.getByTestId('program-pct'))

    const member = page.getByTestId('list-team').getByTestId('team-item').filter({ hasText: 'Budi Sales' })
    expect(await member.getByTestId('team-revenue').innerText()).toMatch(/^Rp\s?\d/)
    await onScreen(member.getByTestId('team-revenue'))
    await onScreen(member.getByText('Terlambat'))

    // Nothing scrolls sideways: not the page, not the lists inside their cards.
    for (const list of [programList, page.getByTestId('list-team')])
      expect(await list.evaluate(el => el.scrollWidth <= el.clientWidth && el.parentElement!.scrollWidth <= el.parentElement!.clientWidth)).toBe(true)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
  })
})

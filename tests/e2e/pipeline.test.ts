import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { enrollments, leads, programs } from '../../server/db/schema'
import { testDb } from '../support/db'
import { call, login } from '../support/http'
import { close, launch, newPage, PHONE, signIn, visit } from './browser'

const { db, pool } = testDb()
beforeAll(launch)
afterAll(async () => {
  await close()
  await pool.end()
})

let admin: string
let program: { id: number, name: string }
beforeAll(async () => {
  admin = await login('admin@demo.test')
  const [row] = await db.select({ id: programs.id, name: programs.name }).from(programs).where(eq(programs.active, true)).limit(1)
  program = row!
})

/** Each test's leads share a grade of their own; the board is opened filtered to it. */
const gradeOf = () => `E2E-${Date.now().toString(36)}`

async function makeLead(studentName: string, grade: string, extra: Record<string, unknown> = {}): Promise<number> {
  const res = await call('POST', '/api/leads', { token: admin, body: { studentName, grade, ...extra } })
  expect(res.status).toBe(201)
  return res.body.id
}

const stageOf = async (id: number) => (await call('GET', `/api/leads/${id}`, { token: admin })).body.stage.code as string
const column = (page: Page, code: string) => page.getByTestId(`column-${code}`)

async function openBoard(page: Page, grade: string) {
  await signIn(page, 'admin@demo.test')
  await visit(page, `/pipeline?grade=${grade}`)
  await page.getByTestId('pipeline-board').waitFor()
}

describe('pipeline board', () => {
  it('shows the column figures, and a dragged card stays in its new column after a reload', async () => {
    const grade = gradeOf()
    const id = await makeLead('Seret Satu', grade, { expectedValue: 2_000_000, school: 'SMAN 3 Bandung', programId: program.id })
    const old = await makeLead('Seret Dua', grade, { expectedValue: 1_500_000, nextFollowUpAt: new Date(Date.now() - 86_400_000).toISOString() })
    await db.update(leads).set({ createdAt: new Date(Date.now() - 30 * 86_400_000) }).where(eq(leads.id, old))
    const page = await newPage()
    await openBoard(page, grade)
    // No activity for a month: stale; its follow-up was due yesterday: overdue.
    const oldCard = page.getByTestId(`card-${old}`)
    expect(await oldCard.getByTestId('stale-badge').isVisible()).toBe(true)
    expect(await oldCard.getByTestId('card-next').innerText()).toContain('Terlambat')
    expect(await page.getByTestId(`card-${id}`).getByTestId('stale-badge').count()).toBe(0)

    const prospect = column(page, 'prospect')
    await expect.poll(() => prospect.getByTestId('column-count').innerText()).toBe('2')
    expect(await prospect.getByTestId('column-total').innerText()).toMatch(/Rp\s?3,5\s?jt/)
    // Prospect wins one time in ten.
    expect(await prospect.getByTestId('column-weighted').innerText()).toMatch(/Rp\s?350\s?rb/)

    await page.getByTestId(`card-${id}`).dragTo(column(page, 'interested'))
    await column(page, 'interested').getByTestId(`card-${id}`).waitFor()
    await expect.poll(() => stageOf(id)).toBe('interested')

    await page.reload()
    await column(page, 'interested').getByTestId(`card-${id}`).waitFor()
    expect(await column(page, 'interested').getByTestId('column-count').innerText()).toBe('1')
    expect(await prospect.getByTestId('column-count').innerText()).toBe('1')

    if (process.env.PIPELINE_SHOTS) {
      await page.setViewportSize({ width: 1440, height: 900 })
      await page.screenshot({ path: `${process.env.PIPELINE_SHOTS}/board-1440.png` })
    }
  })

  it('a drop on won asks for program and amount; cancel puts the card back; saving enrols', async () => {
    const grade = gradeOf()
    const id = await makeLead('Menang Satu', grade, { expectedValue: 3_000_000, programId: program.id })
    // Wide enough for every column at once: the drag goes from the first column to the fifth.
    const page = await newPage({ width: 2200, height: 900 })
    await openBoard(page, grade)

    await page.getByTestId(`card-${id}`).dragTo(column(page, 'won'))
    let dialog = page.getByRole('dialog', { name: 'Prospek mendaftar' })
    await dialog.waitFor()
    await dialog.getByRole('button', { name: 'Batal' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await column(page, 'prospect').getByTestId(`card-${id}`).waitFor()

    await page.getByTestId(`card-${id}`).dragTo(column(page, 'won'))
    dialog = page.getByRole('dialog', { name: 'Prospek mendaftar' })
    await dialog.waitFor()
    expect(await dialog.getByTestId('won-program').innerText()).toContain(program.name)
    const amount = dialog.getByTestId('won-amount')
    expect(await amount.inputValue()).toBe('3.000.000')
    await amount.fill('2750000')
    if (process.env.PIPELINE_SHOTS) await page.screenshot({ path: `${process.env.PIPELINE_SHOTS}/won-modal.png` })
    await dialog.getByRole('button', { name: 'Simpan pendaftaran' }).click()
    await column(page, 'won').getByTestId(`card-${id}`).waitFor()

    await expect.poll(() => db.select().from(enrollments).where(eq(enrollments.leadId, id)))
      .toMatchObject([{ programId: program.id, amount: 2_750_000 }])
    await page.reload()
    await column(page, 'won').getByTestId(`card-${id}`).waitFor()
  })

  it('on a phone the columns scroll and "Pindahkan ke…" moves a card', async () => {
    const grade = gradeOf()
    const id = await makeLead('Ponsel Satu', grade)
    const page = await newPage(PHONE)
    await openBoard(page, grade)
    if (process.env.PIPELINE_SHOTS) await page.screenshot({ path: `${process.env.PIPELINE_SHOTS}/board-390.png` })

    await page.getByTestId(`card-${id}`).getByTestId('card-menu').click()
    await page.getByRole('menuitem', { name: 'Negosiasi' }).click()
    await column(page, 'negotiation').getByTestId(`card-${id}`).waitFor({ state: 'attached' })
    await expect.poll(() => stageOf(id)).toBe('negotiation')
  })

  it('"Pindahkan ke…" from the keyboard: Enter opens it on the first stage, Escape gives the focus back, a stage moves the card', async () => {
    const grade = gradeOf()
    const id = await makeLead('Papan Ketik', grade)
    const page = await newPage()
    await openBoard(page, grade)
    const button = page.getByTestId(`card-${id}`).getByTestId('card-menu')
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim())
    const menu = page.getByRole('menu', { name: 'Pindahkan ke…' })

    await button.focus()
    await page.keyboard.press('Enter')
    await menu.waitFor()
    expect(await button.getAttribute('aria-expanded')).toBe('true')
    await expect.poll(focused).toBe('Follow-up')
    await page.keyboard.press('Escape')
    await menu.waitFor({ state: 'hidden' })
    await expect.poll(() => button.evaluate(el => el === document.activeElement)).toBe(true)
    expect(await button.getAttribute('aria-expanded')).toBe('false')

    // Open again: the second stage, Enter.
    await page.keyboard.press('Enter')
    await menu.waitFor()
    await page.keyboard.press('ArrowDown')
    await expect.poll(focused).toBe('Tertarik')
    await page.keyboard.press('Enter')
    await column(page, 'interested').getByTestId(`card-${id}`).waitFor()
    await expect.poll(() => stageOf(id)).toBe('interested')

    // Lost from the menu asks for the reason; cancel leaves the card where it is.
    await column(page, 'interested').getByTestId(`card-${id}`).getByTestId('card-menu').click()
    await page.getByRole('menuitem', { name: 'Batal (Lost)' }).click()
    const dialog = page.getByRole('dialog', { name: 'Prospek batal' })
    await dialog.waitFor()
    await dialog.getByRole('button', { name: 'Batal', exact: true }).click()
    await dialog.waitFor({ state: 'hidden' })
    await column(page, 'interested').getByTestId(`card-${id}`).waitFor()
    expect(await stageOf(id)).toBe('interested')
  })
})

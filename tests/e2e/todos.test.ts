import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, jakartaDay } from '#shared/utils/jakarta'
import { call } from '../support/http'
import { close, launch, newPage, pageTitle, pathOf, PHONE, signIn, visit } from './browser'
import { assigneeId, seedLead, tokenFor, uniqueTag } from './leads-support'

beforeAll(launch)
afterAll(close)

describe('to-do list', () => {
  it('quick-adds a to-do, ticks it done, finds it under Selesai, and /todos leads to /todo', async () => {
    const page = await newPage()
    await signIn(page, 'sales3@demo.test')
    await visit(page, '/todos')
    expect(pathOf(page)).toBe('/todo')
    expect(await pageTitle(page).textContent()).toBe('To-do')

    const title = `${uniqueTag('Tugas')} telepon Ibu Sari`
    const quick = page.getByRole('textbox', { name: 'To-do baru' })
    await quick.fill(title)
    await quick.press('Enter')
    const list = page.getByTestId('todo-list')
    await list.getByText(title).waitFor()
    expect(await quick.inputValue()).toBe('')

    await page.getByRole('checkbox', { name: `Tandai selesai: ${title}` }).click()
    await list.getByText(title).waitFor({ state: 'detached' })

    await page.getByTestId('filter-done').click()
    await page.waitForURL(u => u.searchParams.get('status') === 'done')
    const done = page.getByTestId('todo-list').getByText(title)
    await done.waitFor()
    expect(await done.evaluate(el => getComputedStyle(el).textDecorationLine)).toBe('line-through')
    expect(await page.getByRole('checkbox', { name: `Buka lagi: ${title}` }).getAttribute('aria-checked')).toBe('true')
  })

  it('adds a to-do for a lead with a due time in WIB; an overdue one is highlighted and filtered', async () => {
    const tag = uniqueTag('Raka')
    const lead = await seedLead({ studentName: `${tag} Pratama`, assignedTo: await assigneeId('Agus Sales') })
    const token = await tokenFor('sales3@demo.test')
    const late = await call('POST', '/api/todos', { token, body: { title: `${tag} terlambat`, dueAt: new Date(Date.now() - 2 * 3600_000).toISOString() } })
    expect(late.status).toBe(201)

    const page = await newPage()
    await signIn(page, 'sales3@demo.test')
    await visit(page, '/todo')
    await page.getByTestId('add-todo').click()
    const dialog = page.getByRole('dialog')
    const form = dialog.getByTestId('todo-form')
    await form.waitFor()
    await form.getByLabel('Judul').fill(`${tag} kirim brosur`)
    await form.getByTestId('todo-lead-picker').click()
    await page.getByPlaceholder('Cari prospek…').fill(tag)
    await page.getByRole('option', { name: new RegExp(`${tag} Pratama`) }).click()
    const tomorrow = addDays(jakartaDay(new Date()), 1)
    await form.getByTestId('todo-due').fill(`${tomorrow}T09:30`)
    await form.getByRole('button', { name: 'Simpan' }).click()
    await dialog.waitFor({ state: 'hidden' })

    const row = page.getByTestId('todo-list').locator('li', { hasText: `${tag} kirim brosur` })
    await row.waitFor()
    expect(await row.getByTestId('todo-lead').innerText()).toContain(`${tag} Pratama`)
    expect(await row.getByTestId('todo-lead').getAttribute('href')).toBe(`/leads/${lead.id}`)
    expect(await row.innerText()).toContain('09.30')

    const overdueRow = page.getByTestId(`todo-${late.body.id}`)
    expect(await overdueRow.innerText()).toContain('Terlambat')
    await page.getByTestId('filter-overdue').click()
    await page.waitForURL(u => u.searchParams.get('due') === 'overdue')
    await expect.poll(() => page.getByTestId('todo-list').locator('li').count()).toBe(1)
    expect(await page.getByTestId('todo-list').innerText()).toContain(`${tag} terlambat`)
  })

  it('works on a phone', async () => {
    const page = await newPage(PHONE)
    await signIn(page, 'sales3@demo.test')
    await visit(page, '/todo')
    const title = uniqueTag('HP')
    const quick = page.getByRole('textbox', { name: 'To-do baru' })
    await quick.fill(title)
    await quick.press('Enter')
    await page.getByTestId('todo-list').getByText(title).waitFor()
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(width).toBeLessThanOrEqual(PHONE.width)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, jakartaDay } from '#shared/utils/jakarta'
import { call } from '../support/http'
import { close, launch, newPage, pageTitle, pathOf, PHONE, signIn, visit } from './browser'
import { assigneeId, seedLead, tokenFor, uniqueTag } from './leads-support'

beforeAll(launch)
afterAll(close)

const today = () => jakartaDay(new Date())
const at = (day: string, time: string) => `${day}T${time}:00+07:00`

describe('calendar', () => {
  it('shows a follow-up on its day and opens its lead on click', async () => {
    const lead = await seedLead({ studentName: `${uniqueTag('Kal')} Follow`, assignedTo: await assigneeId('Nadia CS'), nextFollowUpAt: at(today(), '10:00') })
    const page = await newPage()
    await signIn(page, 'sales4@demo.test')
    await visit(page, '/calendar')
    expect(await pageTitle(page).textContent()).toBe('Kalender')
    const item = page.getByTestId(`cal-day-${today()}`).getByTestId(`cal-follow_up-${lead.id}`)
    await item.waitFor()
    expect(await item.innerText()).toContain('10.00')
    await item.click()
    await page.waitForURL(u => u.pathname === `/leads/${lead.id}`)
    expect(pathOf(page)).toBe(`/leads/${lead.id}`)
  })

  it('says when a period is empty, and offers the Owner the whole team\'s calendar', async () => {
    // A month no other test writes to: the Owner has nothing of their own there; one lead of the team has.
    const day = '2031-03-10'
    const lead = await seedLead({ studentName: `${uniqueTag('Kal')} Kosong`, assignedTo: await assigneeId('Nadia CS'), nextFollowUpAt: at(day, '10:00') })
    const page = await newPage()
    await signIn(page, 'owner@demo.test')
    await visit(page, `/calendar?date=${day}`)
    const empty = page.getByTestId('cal-empty')
    await empty.waitFor()
    expect(await empty.innerText()).toContain('Tidak ada follow-up atau to-do pada periode ini.')
    await empty.getByRole('button', { name: 'Lihat semua orang' }).click()
    await page.getByTestId(`cal-day-${day}`).getByTestId(`cal-follow_up-${lead.id}`).waitFor()
    expect(await page.getByTestId('cal-empty').count()).toBe(0)
  })

  it('moves a to-do to another day by dragging, and it is still there after a reload', async () => {
    const token = await tokenFor('sales4@demo.test')
    const title = uniqueTag('Geser')
    const { body: todo } = await call('POST', '/api/todos', { token, body: { title, dueAt: at(today(), '09:00') } })
    const target = addDays(today(), 1)

    const page = await newPage()
    await signIn(page, 'sales4@demo.test')
    await visit(page, '/calendar')
    const item = page.getByTestId(`cal-todo-${todo.id}`)
    await page.getByTestId(`cal-day-${today()}`).getByTestId(`cal-todo-${todo.id}`).waitFor()
    await item.dragTo(page.getByTestId(`cal-day-${target}`))
    await page.getByTestId(`cal-day-${target}`).getByTestId(`cal-todo-${todo.id}`).waitFor()
    await expect.poll(async () => (await call('GET', `/api/todos/${todo.id}`, { token })).body.dueAt).toBe(new Date(at(target, '09:00')).toISOString())

    await page.reload()
    await page.getByTestId(`cal-day-${target}`).getByTestId(`cal-todo-${todo.id}`).waitFor()
    expect(await page.getByTestId(`cal-day-${today()}`).getByTestId(`cal-todo-${todo.id}`).count()).toBe(0)

    // In the day view, a drop on a slot sets the time too.
    await visit(page, `/calendar?view=day&date=${target}`)
    await page.getByTestId(`cal-slot-${target}-540`).getByTestId(`cal-todo-${todo.id}`).waitFor()
    await page.getByTestId(`cal-todo-${todo.id}`).dragTo(page.getByTestId(`cal-slot-${target}-870`))
    await page.getByTestId(`cal-slot-${target}-870`).getByTestId(`cal-todo-${todo.id}`).waitFor()
    await expect.poll(async () => (await call('GET', `/api/todos/${todo.id}`, { token })).body.dueAt).toBe(new Date(at(target, '14:30')).toISOString())
  })

  it('opens an own to-do for editing on click', async () => {
    const token = await tokenFor('sales4@demo.test')
    const title = uniqueTag('Ubah')
    const { body: todo } = await call('POST', '/api/todos', { token, body: { title, dueAt: at(today(), '11:00') } })
    const page = await newPage()
    await signIn(page, 'sales4@demo.test')
    await visit(page, `/calendar?view=week&date=${today()}`)
    await page.getByTestId(`cal-todo-${todo.id}`).click()
    const form = page.getByRole('dialog').getByTestId('todo-form')
    await form.waitFor()
    expect(await form.getByLabel('Judul').inputValue()).toBe(title)
  })

  it('lets a Manager look at one user\'s calendar', async () => {
    const lead = await seedLead({ studentName: `${uniqueTag('Mgr')} Lihat`, assignedTo: await assigneeId('Nadia CS'), nextFollowUpAt: at(today(), '15:00') })
    const page = await newPage()
    await signIn(page, 'manager@demo.test')
    await visit(page, `/calendar?user=${await assigneeId('Nadia CS')}`)
    await page.getByTestId(`cal-follow_up-${lead.id}`).waitFor()
    await visit(page, '/calendar?user=all')
    await page.getByTestId(`cal-follow_up-${lead.id}`).waitFor()
  })

  it('reads as an agenda on a phone', async () => {
    const lead = await seedLead({ studentName: `${uniqueTag('Hp')} Agenda`, assignedTo: await assigneeId('Nadia CS'), nextFollowUpAt: at(today(), '16:00') })
    const page = await newPage(PHONE)
    await signIn(page, 'sales4@demo.test')
    await visit(page, '/calendar')
    await page.getByTestId('calendar-agenda').getByTestId(`cal-follow_up-${lead.id}`).waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, login } from '../support/http'
import { close, launch, newPage, pageTitle, PHONE, signIn, visit } from './browser'
import { jakartaAt } from '../../shared/utils/jakarta'
import { seedLead, tokenFor, uniqueTag } from './leads-support'

const made: number[] = []
beforeAll(launch)
afterAll(async () => {
  await close()
  // Out of the way of other files' assignment rounds and team lists.
  for (const id of made) await call('PATCH', `/api/users/${id}`, { token: await tokenFor('owner@demo.test'), body: { active: false } })
})

/** A Sales/CS account of this test only, so its follow-up lists hold exactly what the test put there. */
async function freshSales(name: string): Promise<{ id: number, name: string, email: string, token: string }> {
  const email = `${uniqueTag('fu').toLowerCase()}@demo.test`
  const res = await call('POST', '/api/users', { token: await tokenFor('owner@demo.test'), body: { name, email, role: 'sales', password: 'rahasia123' } })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  made.push(res.body.id)
  return { id: res.body.id, name, email, token: await login(email, 'rahasia123') }
}

describe('follow-ups', () => {
  it('a call logged on the lead page with a next action shows up on the Follow-ups page, and can be rescheduled there', async () => {
    const me = await freshSales('Sinta Follow-up')
    const tag = uniqueTag('Telepon')
    const lead = await seedLead({ studentName: `${tag} Rahma`, assignedTo: me.id })
    const overdue = await seedLead({ studentName: `${tag} Terlambat`, assignedTo: me.id, nextFollowUpAt: new Date(Date.now() - 3_600_000).toISOString() })

    const page = await newPage()
    await signIn(page, me.email, 'rahasia123')
    await visit(page, `/leads/${lead.id}`)
    await page.getByTestId('log-activity').click()
    const dialog = page.getByRole('dialog', { name: 'Catat aktivitas' })
    const form = dialog.getByTestId('activity-form')
    await form.getByRole('radio', { name: 'Telepon', exact: true }).click()
    // Real-time validation: a call needs its outcome before it can be saved.
    await form.getByRole('button', { name: 'Simpan' }).click()
    await dialog.getByText('Pilih hasil', { exact: true }).waitFor()
    await form.getByRole('radio', { name: 'Tertarik', exact: true }).click()
    await dialog.getByText('Pilih hasil', { exact: true }).waitFor({ state: 'detached' })
    await form.getByLabel('Catatan', { exact: true }).fill('Ibunya minta brosur kelas intensif')
    await form.getByLabel('Tindak lanjut berikutnya', { exact: true }).fill('Kirim brosur kelas intensif')
    await form.getByTestId('quick-tomorrow').click()
    expect(await form.getByLabel('Jatuh tempo', { exact: true }).inputValue()).toMatch(/T09:00$/)
    await form.getByRole('button', { name: 'Simpan' }).click()
    await page.getByText('Aktivitas dicatat', { exact: true }).waitFor()

    const timeline = page.getByTestId('lead-timeline')
    const activity = timeline.getByTestId('timeline-activity').first()
    await expect.poll(() => activity.innerText()).toContain('Kirim brosur kelas intensif')
    expect(await activity.innerText()).toContain('Tertarik')
    await expect.poll(() => page.getByTestId('lead-follow-up').innerText()).toBe('Terjadwal')

    await visit(page, '/follow-ups')
    expect(await pageTitle(page).textContent()).toBe('Follow-up')
    const upcoming = page.getByTestId('follow-ups-upcoming')
    const row = upcoming.getByTestId('follow-up-row').filter({ hasText: `${tag} Rahma` })
    await row.waitFor()
    expect(await row.getByTestId('follow-up-action').innerText()).toContain('Kirim brosur kelas intensif')
    expect(await row.getByTestId('follow-up-due').innerText()).toContain('09.00')
    expect(await upcoming.getByTestId('bucket-count').innerText()).toBe('1')
    const late = page.getByTestId('follow-ups-overdue')
    expect(await late.getByTestId('bucket-count').innerText()).toBe('1')
    expect(await page.getByTestId('follow-ups-today').getByTestId('bucket-count').innerText()).toBe('0')

    // Reschedule the overdue one without leaving the page: it moves to upcoming.
    await late.getByTestId('follow-up-row').filter({ hasText: `${tag} Terlambat` }).getByTestId('follow-up-reschedule').click()
    const reschedule = page.getByRole('dialog', { name: 'Jadwal ulang follow-up' })
    await reschedule.getByRole('button', { name: '+3 hari' }).click()
    await reschedule.getByRole('button', { name: 'Simpan jadwal' }).click()
    await page.getByText('Follow-up dijadwalkan ulang', { exact: true }).waitFor()
    await expect.poll(() => late.getByTestId('bucket-count').innerText()).toBe('0')
    await expect.poll(() => upcoming.getByTestId('bucket-count').innerText()).toBe('2')

    // The same follow-up in the calendar: tomorrow, in the 09:00 WIB slot of the day view.
    const tomorrow = jakartaAt(1, 9).slice(0, 10)
    await visit(page, `/calendar?view=day&date=${tomorrow}`)
    const slot = page.getByTestId(`cal-slot-${tomorrow}-540`).getByTestId(`cal-follow_up-${lead.id}`)
    await slot.waitFor()
    expect(await slot.innerText()).toContain(`${tag} Rahma`)

    // One click to the lead.
    await visit(page, '/follow-ups')
    await row.getByTestId('follow-up-lead').click()
    await page.waitForURL(u => u.pathname === `/leads/${lead.id}`)
    expect(overdue.id).toBeGreaterThan(0)
  })

  it('shows the Manager the team numbers and anyone\'s list, on a phone too', async () => {
    const person = await freshSales(`Tari ${uniqueTag('Tim')}`)
    const tag = uniqueTag('Tim')
    await seedLead({ studentName: `${tag} Lewat`, assignedTo: person.id, nextFollowUpAt: new Date(Date.now() - 60_000).toISOString() })

    const page = await newPage(PHONE)
    await signIn(page, 'manager@demo.test')
    // A Manager lands on the team view.
    await visit(page, '/follow-ups')
    const team = page.getByTestId('follow-ups-team')
    const row = team.locator('tr').filter({ hasText: person.name })
    await row.waitFor()
    expect(await row.getByTestId('team-overdue').innerText()).toBe('1')
    expect(await row.getByTestId('team-today').innerText()).toBe('0')
    await row.getByTestId('team-person').click()
    await page.waitForURL(u => u.searchParams.get('user') === String(person.id))
    const late = page.getByTestId('follow-ups-overdue')
    await late.getByTestId('follow-up-row').filter({ hasText: `${tag} Lewat` }).waitFor()
  })
})

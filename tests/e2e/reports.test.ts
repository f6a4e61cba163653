import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatRupiah } from '#shared/utils/format'
import { call } from '../support/http'
import { close, launch, newPage, pageTitle, PHONE, signIn, visit } from './browser'
import { getLookups, seedLead, tokenFor, uniqueTag } from './leads-support'

beforeAll(launch)
afterAll(close)

/** The target input of a metric for a scope row, by the label the grid gives it. */
const targetInput = (page: import('playwright-core').Page, metric: string, name: string) =>
  page.getByRole('textbox', { name: `Target ${metric} untuk ${name}`, exact: true })

describe('targets', () => {
  it('sets a month\'s target and still shows it after a reload', async () => {
    const page = await newPage()
    await signIn(page, 'manager@demo.test')
    await visit(page, '/reports/targets?month=2031-05')
    expect(await pageTitle(page).textContent()).toBe('Laporan')
    const revenue = targetInput(page, 'Omzet (Rp)', 'Seluruh tim')
    const students = targetInput(page, 'Siswa', 'Seluruh tim')
    await revenue.fill('150000000')
    await students.fill('42')
    expect(await revenue.inputValue()).toBe('150.000.000')
    await page.getByTestId('unsaved').waitFor()
    await page.getByTestId('save-targets').click()
    await page.getByTestId('unsaved').waitFor({ state: 'detached' })

    await page.reload()
    await targetInput(page, 'Omzet (Rp)', 'Seluruh tim').waitFor()
    expect(await targetInput(page, 'Omzet (Rp)', 'Seluruh tim').inputValue()).toBe('150.000.000')
    expect(await targetInput(page, 'Siswa', 'Seluruh tim').inputValue()).toBe('42')
    expect(await targetInput(page, 'Prospek', 'Seluruh tim').inputValue()).toBe('')
  })

  it('copies last month\'s targets in one click, and asks before overwriting', async () => {
    const token = await tokenFor('owner@demo.test')
    const { programs } = await getLookups()
    const program = programs[0]!
    const put = await call('PUT', '/api/targets', {
      token,
      body: { month: '2031-07', items: [
        { scope: 'overall', scopeId: 0, revenue: 300_000_000, students: 70, leads: 600 },
        { scope: 'program', scopeId: program.id, revenue: 25_000_000, students: 6, leads: 40 },
      ] },
    })
    expect(put.status).toBe(200)

    const page = await newPage()
    await signIn(page, 'owner@demo.test')
    await visit(page, '/reports/targets?month=2031-08')
    expect(await targetInput(page, 'Omzet (Rp)', 'Seluruh tim').inputValue()).toBe('')
    await page.getByTestId('copy-targets').click()
    await expect.poll(() => targetInput(page, 'Omzet (Rp)', 'Seluruh tim').inputValue()).toBe('300.000.000')
    expect(await targetInput(page, 'Prospek', program.name).inputValue()).toBe('40')

    // Change one and save; copying again now overwrites, so it asks first.
    await targetInput(page, 'Omzet (Rp)', 'Seluruh tim').fill('1')
    await page.getByTestId('save-targets').click()
    await page.getByTestId('unsaved').waitFor({ state: 'detached' })
    await page.getByTestId('copy-targets').click()
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    expect(await dialog.innerText()).toContain('Timpa target')
    await dialog.getByTestId('confirm').click()
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(() => targetInput(page, 'Omzet (Rp)', 'Seluruh tim').inputValue()).toBe('300.000.000')
  })

  it('is not for Sales/CS', async () => {
    const page = await newPage()
    await signIn(page, 'sales@demo.test')
    const res = await page.goto('/reports/targets')
    expect(res?.status()).toBe(403)
  })
})

describe('ad spend', () => {
  it('adds a row and shows it in the month\'s total', async () => {
    const page = await newPage()
    await signIn(page, 'manager@demo.test')
    await visit(page, '/reports/ad-spend?month=2031-09')
    const total = page.getByTestId('total-spend')
    expect(await total.innerText()).toContain(formatRupiah(0))

    const campaign = uniqueTag('utbk_sept')
    await page.getByTestId('add-ad-spend').click()
    const form = page.getByTestId('ad-spend-form')
    await form.waitFor()
    await form.getByLabel('Tanggal').fill('2031-09-12')
    await form.getByLabel('Kampanye').fill(campaign)
    await form.getByTestId('ad-spend-spend').fill('1250000')
    await form.getByLabel('Klik').fill('1200')
    await form.getByLabel('Prospek platform').fill('25')
    await form.getByRole('button', { name: 'Simpan' }).click()
    await form.waitFor({ state: 'detached' })

    const row = page.getByTestId('ad-spend-table').locator('tr', { hasText: campaign })
    await row.waitFor()
    expect(await row.getByTestId('spend').innerText()).toBe(formatRupiah(1_250_000))
    await expect.poll(() => total.innerText()).toContain(formatRupiah(1_250_000))
    expect(await page.getByTestId('ad-spend-totals').innerText()).toContain(formatRupiah(50_000)) // per platform lead

    // A second row the same month adds up; another month does not count.
    await page.getByTestId('add-ad-spend').click()
    await form.waitFor()
    await form.getByLabel('Tanggal').fill('2031-09-30')
    await form.getByLabel('Kampanye').fill(`${campaign}_b`)
    await form.getByTestId('ad-spend-spend').fill('750000')
    await form.getByRole('button', { name: 'Simpan' }).click()
    await form.waitFor({ state: 'detached' })
    await expect.poll(() => total.innerText()).toContain(formatRupiah(2_000_000))

    await page.reload()
    await page.getByTestId('total-spend').waitFor()
    expect(await page.getByTestId('total-spend').innerText()).toContain(formatRupiah(2_000_000))
  })

  it('is not for Sales/CS', async () => {
    const page = await newPage()
    await signIn(page, 'sales@demo.test')
    expect((await page.goto('/reports/ad-spend'))?.status()).toBe(403)
  })
})

describe('enrolments', () => {
  it('lists the enrolments the URL filters to, with their totals', async () => {
    const token = await tokenFor('owner@demo.test')
    const { programs } = await getLookups()
    const [a, b] = [programs[0]!, programs[1]!]
    const tag = uniqueTag('Daftar')
    const lead = await seedLead({ studentName: `${tag} Siswa` })
    const enrol = async (programId: number, amount: number, enrolledAt: string) => {
      const res = await call('POST', '/api/enrollments', { token, body: { leadId: lead.id, programId, amount, enrolledAt } })
      expect(res.status).toBe(201)
      return res.body.id as number
    }
    await enrol(a.id, 3_000_000, '2031-10-31T23:30:00+07:00')
    await enrol(a.id, 2_500_000, '2031-10-02T09:00:00+07:00')
    await enrol(b.id, 9_000_000, '2031-10-15T09:00:00+07:00')
    await enrol(a.id, 1_000_000, '2031-11-01T00:30:00+07:00')

    const page = await newPage()
    await signIn(page, 'manager@demo.test')
    await visit(page, `/reports/enrollments?month=2031-10&programId=${a.id}`)
    const rows = page.getByTestId('enrollments-table').locator('tbody tr')
    await expect.poll(() => rows.count()).toBe(2)
    expect(await page.getByTestId('total-count').innerText()).toContain('2')
    expect(await page.getByTestId('total-amount').innerText()).toContain(formatRupiah(5_500_000))
    expect(await rows.first().innerText()).toContain('31 Okt 2031')
    expect(await page.getByTestId('filter-program').innerText()).toContain(a.name)

    await visit(page, `/reports/enrollments?from=2031-10-31&to=2031-11-01`)
    await expect.poll(() => rows.count()).toBe(2)
    expect(await page.getByTestId('total-amount').innerText()).toContain(formatRupiah(4_000_000))

    // Switching the status filter goes into the URL.
    await page.getByTestId('filter-status').click()
    await page.getByRole('option', { name: 'Dibatalkan' }).click()
    await page.waitForURL(u => u.searchParams.get('status') === 'cancelled')
    await expect.poll(() => page.getByTestId('total-amount').innerText()).toContain(formatRupiah(0))
  })

  it('records an enrolment from the lead page and shows it on a phone', async () => {
    const tag = uniqueTag('Catat')
    const { programs } = await getLookups()
    const lead = await seedLead({ studentName: `${tag} Pratama`, programId: programs[0]!.id, expectedValue: 4_200_000 })
    const page = await newPage(PHONE)
    await signIn(page, 'owner@demo.test')
    await visit(page, `/leads/${lead.id}`)
    const card = page.getByTestId('lead-enrollments')
    await card.getByTestId('add-enrollment').click()
    const form = page.getByTestId('enrollment-form')
    await form.waitFor()
    expect(await form.getByTestId('enrollment-amount').inputValue()).toBe('4.200.000')
    await form.getByRole('button', { name: 'Simpan' }).click()
    await form.waitFor({ state: 'detached' })
    await expect.poll(() => card.innerText()).toContain(formatRupiah(4_200_000))
    expect(await card.innerText()).toContain(programs[0]!.name)
  })
})

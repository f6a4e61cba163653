import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { call } from '../support/http'
import { close, launch, newPage, signIn, visit } from './browser'
import { expectNames, openLeads, seedLead, tokenFor, uniquePhone, uniqueTag } from './leads-support'

beforeAll(launch)
afterAll(close)

async function openAddLead(page: Page): Promise<Locator> {
  await page.getByTestId('add-lead').click()
  const dialog = page.getByRole('dialog', { name: 'Tambah prospek' })
  await dialog.waitFor()
  return dialog
}

const field = (dialog: Locator, label: string) => dialog.getByLabel(label, { exact: true })
/** Type at a person's pace, after what the field holds: the form validates each field as it changes. */
async function typeSlowly(input: Locator, text: string) {
  await input.click()
  await input.press('End')
  await input.pressSequentially(text, { delay: 40 })
}

/** Watch the page's POSTs to the leads API. */
function watchCreates(page: Page): number[] {
  const statuses: number[] = []
  page.on('response', (r) => {
    if (r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/leads') statuses.push(r.status())
  })
  return statuses
}

async function save(page: Page, dialog: Locator): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse(r => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/leads'),
    dialog.getByRole('button', { name: 'Simpan' }).click(),
  ])
  return response.status()
}

describe('lead form', () => {
  it('shows validation messages while typing, before anything is submitted', async () => {
    const page = await newPage()
    await openLeads(page, 'admin@demo.test')
    const creates = watchCreates(page)
    const dialog = await openAddLead(page)

    await typeSlowly(field(dialog, 'Nama siswa'), 'A')
    await dialog.getByText('Minimal 2 karakter', { exact: true }).waitFor()
    await typeSlowly(field(dialog, 'No. WhatsApp'), '0812-12')
    await dialog.getByText('Nomor WhatsApp Indonesia tidak valid', { exact: true }).waitFor()
    await typeSlowly(field(dialog, 'E-mail'), 'ortu.sekolah')
    await dialog.getByText('E-mail tidak valid', { exact: true }).waitFor()
    expect(await field(dialog, 'Nama siswa').getAttribute('aria-invalid')).toBe('true')

    // Fixing a field clears its message as the user types.
    await typeSlowly(field(dialog, 'Nama siswa'), 'nisa')
    await expect.poll(() => dialog.getByText('Minimal 2 karakter', { exact: true }).count()).toBe(0)
    await typeSlowly(field(dialog, 'No. WhatsApp'), '34-5678')
    await expect.poll(() => dialog.getByText('Nomor WhatsApp Indonesia tidak valid', { exact: true }).count()).toBe(0)
    expect(creates).toEqual([])
  })

  it('creates a lead, filling the value from the program, and finds it by search', async () => {
    const tag = uniqueTag('Baru')
    const page = await newPage()
    await openLeads(page, 'admin@demo.test')
    const dialog = await openAddLead(page)
    await field(dialog, 'Nama siswa').fill(`${tag} Larasati`)
    await field(dialog, 'Nama orang tua').fill('Ibu Wulan')
    await field(dialog, 'Asal sekolah').fill('SMA Negeri 8 Jakarta')
    await typeSlowly(field(dialog, 'No. WhatsApp'), uniquePhone())
    await field(dialog, 'Program diminati').click()
    await page.getByRole('option', { name: /Intensif UTBK-SNBT/ }).click()
    await expect.poll(() => field(dialog, 'Nilai potensi').inputValue()).toBe('7.500.000')
    expect(await save(page, dialog)).toBe(201)
    await page.getByText(`Prospek ${tag} Larasati ditambahkan`, { exact: true }).waitFor()
    await dialog.waitFor({ state: 'detached' })

    await page.getByTestId('leads-search').pressSequentially(tag, { delay: 20 })
    await expectNames(page, [`${tag} Larasati`])
    await page.getByRole('link', { name: `${tag} Larasati` }).click()
    await page.waitForURL(u => /^\/leads\/\d+$/.test(u.pathname))
    expect(await page.getByTestId('detail-expectedValue').innerText()).toMatch(/^Rp\s?7\.500\.000$/)
    expect(await page.getByTestId('detail-assignedTo').innerText()).toBe('Dewi Admin')
  })

  it('says a number already belongs to a lead, links to it, and saves a duplicate only when asked to', async () => {
    const tag = uniqueTag('Ganda')
    const phone = uniquePhone()
    const first = await seedLead({ studentName: `${tag} Pertama`, whatsapp: phone })
    const page = await newPage()
    await openLeads(page, 'admin@demo.test')
    const creates = watchCreates(page)
    const dialog = await openAddLead(page)
    await field(dialog, 'Nama siswa').fill(`${tag} Kedua`)
    // The same number, written the international way.
    await typeSlowly(field(dialog, 'No. WhatsApp'), `+62 ${phone.slice(1)}`)

    const hint = dialog.getByTestId('duplicate-hint')
    await hint.waitFor()
    expect(await hint.innerText()).toContain(`Nomor ini sudah dimiliki ${tag} Pertama.`)
    expect(await hint.getByTestId('duplicate-link').getAttribute('href')).toBe(`/leads/${first.id}`)

    // Saving without the explicit choice is refused by the server; the form stays open.
    expect(await save(page, dialog)).toBe(409)
    expect(await dialog.isVisible()).toBe(true)
    await hint.getByRole('checkbox', { name: 'Tetap simpan dengan nomor yang sama' }).click()
    expect(await save(page, dialog)).toBe(201)
    await dialog.waitFor({ state: 'detached' })
    expect(creates).toEqual([409, 201])

    const list = await call('GET', `/api/leads?q=${tag}`, { token: await tokenFor('owner@demo.test') })
    expect(list.body.total).toBe(2)
  })

  it('edits a lead from its page and keeps the change', async () => {
    const tag = uniqueTag('Ubah')
    const lead = await seedLead({ studentName: `${tag} Hana`, city: 'Bogor' })
    const page = await newPage()
    await signIn(page, 'admin@demo.test')
    await visit(page, `/leads/${lead.id}`)
    await page.getByTestId('contact-card').waitFor()
    await page.getByTestId('edit-lead').click()
    const dialog = page.getByRole('dialog', { name: 'Ubah prospek' })
    await dialog.waitFor()
    expect(await field(dialog, 'Kota').inputValue()).toBe('Bogor')
    await field(dialog, 'Kota').fill('Depok')
    const [response] = await Promise.all([
      page.waitForResponse(r => r.request().method() === 'PATCH'),
      dialog.getByRole('button', { name: 'Simpan' }).click(),
    ])
    expect(response.status()).toBe(200)
    expect(JSON.parse(response.request().postData() ?? '{}')).toEqual({ city: 'Depok' })
    await expect.poll(() => page.getByTestId('detail-city').innerText()).toBe('Depok')
  })

  it('sets the expected close date next to the value and shows it on the lead page', async () => {
    const lead = await seedLead({ studentName: `${uniqueTag('Closing')} Rani` })
    const page = await newPage()
    await signIn(page, 'admin@demo.test')
    await visit(page, `/leads/${lead.id}`)
    expect(await page.getByTestId('detail-expectedCloseOn').innerText()).toBe('—')
    await page.getByTestId('edit-lead').click()
    const dialog = page.getByRole('dialog', { name: 'Ubah prospek' })
    await dialog.waitFor()
    await field(dialog, 'Perkiraan closing').fill('2043-03-31')
    const [response] = await Promise.all([
      page.waitForResponse(r => r.request().method() === 'PATCH'),
      dialog.getByRole('button', { name: 'Simpan' }).click(),
    ])
    expect(response.status()).toBe(200)
    expect(JSON.parse(response.request().postData() ?? '{}')).toEqual({ expectedCloseOn: '2043-03-31' })
    await expect.poll(() => page.getByTestId('detail-expectedCloseOn').innerText()).toBe('31 Mar 2043')
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { AssignmentSettings } from '../../shared/schemas/assignment'
import { call, freshIp, login } from '../support/http'
import { close, launch, newPage, pageTitle, PHONE, signIn, visit } from './browser'

beforeAll(launch)
afterAll(close)

const tag = () => Date.now().toString(36)
let manager: string
let before: AssignmentSettings
beforeAll(async () => {
  manager = await login('manager@demo.test')
  before = (await call('GET', '/api/assignment/settings', { token: manager })).body
})
/** Other tests count on the assignment settings they found. */
afterAll(async () => {
  if (before) await call('PUT', '/api/assignment/settings', { token: manager, body: before })
})

const STRATEGY = { least_open: 'Prospek terbuka paling sedikit', round_robin: 'Bergiliran (round robin)' } as const

async function openIntakeTab(page: Page) {
  await signIn(page, 'manager@demo.test')
  await visit(page, '/settings')
  await page.getByTestId('settings-tabs').getByRole('link', { name: 'Pembagian & Formulir' }).click()
  await page.waitForURL(u => u.pathname === '/settings/intake')
  await expect.poll(() => pageTitle(page).textContent()).toBe('Pengaturan')
  await page.getByTestId('assignment-card').waitFor()
}

const strategyRadio = (page: Page, label: string) => page.getByTestId('assignment-strategy').getByRole('radio', { name: label, exact: true })

/** A lead from a landing page, as the site's form would post it. */
const postIntake = (key: string, studentName: string) => call('POST', '/api/intake', {
  headers: { 'x-site-key': key, 'x-forwarded-for': freshIp() },
  body: { studentName, whatsapp: `0812${String(Date.now()).slice(-8)}`, utmSource: 'landing' },
})

describe('assignment & forms settings as Manager', () => {
  it('changes the strategy and keeps it after a reload', async () => {
    await call('PUT', '/api/assignment/settings', { token: manager, body: { enabled: true } })
    const current = (await call<AssignmentSettings>('GET', '/api/assignment/settings', { token: manager })).body.strategy
    const next = current === 'least_open' ? 'round_robin' : 'least_open'
    const page = await newPage()
    await openIntakeTab(page)
    await expect.poll(() => strategyRadio(page, STRATEGY[current]).isChecked()).toBe(true)

    await strategyRadio(page, STRATEGY[next]).click()
    await page.getByTestId('assignment-save').click()
    await page.getByText('Pengaturan pembagian disimpan', { exact: true }).waitFor()
    expect((await call('GET', '/api/assignment/settings', { token: manager })).body.strategy).toBe(next)

    await page.reload()
    await page.getByTestId('assignment-card').waitFor()
    await expect.poll(() => strategyRadio(page, STRATEGY[next]).isChecked()).toBe(true)
    expect(await strategyRadio(page, STRATEGY[current]).isChecked()).toBe(false)
  })

  it('creates a site key shown once, takes a lead with it, and refuses it after revoking', async () => {
    const site = `Landing Uji ${tag()}`
    const page = await newPage()
    await openIntakeTab(page)

    await page.getByTestId('add-intake-site').click()
    const dialog = page.getByRole('dialog', { name: 'Tambah situs' })
    await dialog.waitFor()
    await dialog.getByLabel('Nama situs').fill(site)
    await dialog.getByRole('button', { name: 'Buat kunci' }).click()
    const shown = page.getByRole('dialog', { name: `Kunci untuk ${site}` })
    await shown.getByTestId('intake-key').waitFor()
    const key = await shown.getByRole('textbox', { name: 'Kunci situs' }).inputValue()
    expect(key).toMatch(/^sk_/)
    expect(await shown.locator('pre').first().innerText()).toContain(`X-Site-Key: ${key}`)
    expect(await shown.locator('pre').first().innerText()).toContain('/api/intake')
    await shown.getByTestId('intake-key-done').click()
    await shown.waitFor({ state: 'detached' })

    // Once: the list names the site, but neither the page nor the API shows the key again.
    const row = page.getByTestId('intake-sites-table').getByRole('row').filter({ hasText: site })
    await row.waitFor()
    expect(await row.innerText()).toContain('Aktif')
    expect(await page.content()).not.toContain(key)
    expect(JSON.stringify((await call('GET', '/api/intake/sites', { token: manager })).body)).not.toContain(key)

    const student = `Intake ${tag()}`
    const posted = await postIntake(key, student)
    expect(posted.status).toBe(201)
    await visit(page, `/leads?q=${encodeURIComponent(student)}`)
    await page.getByTestId('leads-table').getByRole('row').filter({ hasText: student }).first().waitFor()

    await visit(page, '/settings/intake')
    await row.getByRole('button', { name: `Cabut kunci ${site}` }).click()
    const confirm = page.getByRole('dialog', { name: `Cabut kunci ${site}?` })
    await confirm.getByTestId('confirm-revoke').click()
    await page.getByText('Kunci situs dicabut', { exact: true }).waitFor()
    await expect.poll(() => row.innerText()).toContain('Dicabut')
    expect((await postIntake(key, `${student} B`)).status).toBe(401)
  })

  it('saves the stale-days threshold', async () => {
    const old = (await call('GET', '/api/pipeline/settings', { token: manager })).body.staleDays as number
    const next = old === 9 ? 10 : 9
    try {
      const page = await newPage()
      await openIntakeTab(page)
      const form = page.getByTestId('stale-days-form')
      const input = form.getByLabel('Batas hari tanpa aktivitas')
      await expect.poll(() => input.inputValue()).toBe(String(old))
      await input.fill(String(next))
      await input.blur()
      await form.getByRole('button', { name: 'Simpan' }).click()
      await page.getByText('Batas prospek macet disimpan', { exact: true }).waitFor()
      expect((await call('GET', '/api/pipeline/settings', { token: manager })).body.staleDays).toBe(next)
    }
    finally {
      await call('PUT', '/api/pipeline/settings', { token: manager, body: { staleDays: old } })
    }
  })

  it('fits a phone', async () => {
    const page = await newPage(PHONE)
    await signIn(page, 'manager@demo.test')
    await visit(page, '/settings/intake')
    await page.getByTestId('intake-sites-table').waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
  })
})

describe('assignment & forms settings for Admin', () => {
  it('answers the 403 page', async () => {
    const page = await newPage()
    await signIn(page, 'admin@demo.test')
    expect((await page.goto('/settings/intake'))?.status()).toBe(403)
    await page.getByTestId('error-page').waitFor()
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call } from '../support/http'
import { baseURL, close, launch, newPage, tokenOf } from './browser'
import { expectNames, headers, openLeads, seedLead, table, tokenFor, uniqueTag } from './leads-support'

/** Columns and saved views live on the server: they follow the user to another browser. */

beforeAll(launch)
afterAll(close)

// A user no other browser test changes the columns or views of.
const USER = 'manager@demo.test'
const PREF = '/api/me/preferences/leads.columns'

describe('leads preferences across browsers', () => {
  it('keeps hidden columns and their order for the user in a fresh browser, from the first paint', async () => {
    // A row, so the table (not the empty state) is there whatever ran before.
    await seedLead({ studentName: `${uniqueTag('Kolom')} Budi` })
    const page = await newPage()
    await openLeads(page, USER)
    expect(await headers(page)).toContain('Sekolah')
    await page.getByTestId('columns-menu').click()
    const panel = page.getByTestId('columns-panel')
    await panel.getByRole('checkbox', { name: 'Sekolah' }).click()
    await panel.getByRole('button', { name: 'Geser Channel ke atas' }).click()
    await expect.poll(async () => {
      const h = await headers(page)
      return !h.includes('Sekolah') && h.indexOf('Channel') < h.indexOf('Nilai (Rp)')
    }).toBe(true)
    const order = await headers(page)

    // The debounced save reaches the server.
    const token = await tokenFor(USER)
    await expect.poll(async () => (await call('GET', PREF, { token })).body.value?.hidden ?? [], { timeout: 5000 }).toContain('school')

    // A new browser context: no cookies at all; signing in again brings the same columns.
    const other = await newPage()
    await openLeads(other, USER)
    expect(await headers(other)).toEqual(order)

    // Server-rendered that way, not fixed up after hydration: the same page with JavaScript off.
    const noJs = await newPage(undefined, { javaScriptEnabled: false })
    await noJs.context().addCookies([{ name: 'auth.token', value: (await tokenOf(other))!, url: baseURL() }])
    await noJs.goto('/leads')
    await table(noJs).waitFor()
    expect(await headers(noJs)).toEqual(order)

    // A reset follows the user too.
    await other.getByTestId('columns-menu').click()
    await other.getByTestId('columns-panel').getByRole('button', { name: 'Kembalikan kolom bawaan' }).click()
    await expect.poll(() => headers(other)).toContain('Sekolah')
    await expect.poll(async () => (await call('GET', PREF, { token })).body.value?.hidden, { timeout: 5000 }).toBeUndefined()
    await page.reload()
    await table(page).waitFor()
    expect(await headers(page)).toContain('Sekolah')
  })

  it('offers a view saved in one browser in another, and deletes it for both', async () => {
    const tag = uniqueTag('Pindah')
    await seedLead({ studentName: `${tag} Ani` })
    const name = `Lintas ${tag}`
    const page = await newPage()
    await openLeads(page, USER, `/leads?q=${tag}`)
    await expectNames(page, [`${tag} Ani`])
    await page.getByTestId('views-menu').click()
    const panel = page.getByTestId('views-panel')
    await panel.getByRole('textbox', { name: 'Nama tampilan' }).fill(name)
    await panel.getByRole('button', { name: 'Simpan' }).click()
    await page.getByText(`Tampilan "${name}" disimpan`, { exact: true }).waitFor()

    // The same name again is refused, and says why.
    await panel.getByRole('textbox', { name: 'Nama tampilan' }).fill(name)
    await panel.getByRole('button', { name: 'Simpan' }).click()
    await panel.getByTestId('view-name-error').getByText('Nama tampilan sudah dipakai').waitFor()
    await page.keyboard.press('Escape')

    const other = await newPage()
    await openLeads(other, USER)
    await other.getByTestId('views-menu').click()
    await other.getByTestId('views-panel').getByRole('link', { name }).click()
    await other.waitForURL(u => u.searchParams.get('q') === tag)
    await expectNames(other, [`${tag} Ani`])

    await other.getByTestId('views-menu').click()
    await other.getByTestId('views-panel').getByRole('button', { name: `Hapus tampilan ${name}` }).click()
    await expect.poll(() => other.getByTestId('views-panel').getByRole('link', { name }).count()).toBe(0)
    const { body } = await call('GET', '/api/me/views?page=leads', { token: await tokenFor(USER) })
    expect(body.some((v: { name: string }) => v.name === name)).toBe(false)
  })
})

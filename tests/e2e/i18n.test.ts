import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { call, login } from '../support/http'
import { close, launch, newPage, pageTitle, PASSWORD, pathOf, signIn, tokenOf, visit } from './browser'

beforeAll(launch)
afterAll(close)

const navLabels = async (page: Page) =>
  (await page.getByTestId('nav-main').getByRole('link').allInnerTexts()).map(t => t.trim())

/** Pick a language from the user menu's language submenu (labelled "Bahasa" or "Language"). */
async function chooseLanguage(page: Page, submenu: 'Bahasa' | 'Language', language: 'English' | 'Bahasa Indonesia') {
  await page.getByTestId('user-menu').click()
  await page.getByRole('menuitem', { name: submenu, exact: true }).click()
  await page.getByRole('menuitemcheckbox', { name: language, exact: true }).click()
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
  await expect.poll(() => page.getByRole('menu').count()).toBe(0)
}

async function signOut(page: Page, item: 'Keluar' | 'Sign out') {
  await page.getByTestId('user-menu').click()
  await page.getByRole('menuitem', { name: item, exact: true }).click()
  await page.waitForURL(u => u.pathname === '/login')
}

/** A user of their own, so switching languages cannot touch another test's account. */
async function freshUser(): Promise<string> {
  const owner = await login('owner@demo.test')
  const email = `bahasa.${Date.now().toString(36)}@sekolah.test`
  const res = await call('POST', '/api/users', { token: owner, body: { name: 'Wulan Bilingual', email, role: 'admin', password: PASSWORD } })
  expect(res.status).toBe(201)
  return email
}

describe('language', () => {
  it('switches to English from the user menu, keeps it on the account, and switches back', async () => {
    const email = await freshUser()
    const page = await newPage()
    await signIn(page, email)
    expect(await navLabels(page)).toContain('Prospek')

    await chooseLanguage(page, 'Bahasa', 'English')
    await expect.poll(() => navLabels(page)).toEqual(['Dashboard', 'Leads', 'Pipeline', 'Follow-ups', 'Calendar', 'To-do', 'Reports', 'WhatsApp', 'News'])
    await expect.poll(() => pageTitle(page).textContent()).toBe('Dashboard')
    // The dashboard's own words follow the language too.
    await expect.poll(() => page.getByTestId('kpi-leads').innerText()).toContain('New leads')
    expect(await page.locator('html').getAttribute('lang')).toMatch(/^en/)
    const token = (await tokenOf(page))!
    await expect.poll(async () => (await call('GET', '/api/me', { token })).body.locale).toBe('en')

    // After a reload, the server already renders English.
    await page.reload()
    await page.getByTestId('nav-main').waitFor()
    expect(await navLabels(page)).toContain('Leads')
    expect(await page.title()).toBe('Dashboard · CRM – MARKETING')

    // Out and back in: the login page is in Bahasa again (nobody is signed in), the account brings English back.
    await signOut(page, 'Sign out')
    await expect.poll(() => pageTitle(page).textContent()).toBe('Masuk ke CRM')
    await signIn(page, email)
    await expect.poll(() => navLabels(page)).toContain('Leads')
    expect(await pageTitle(page).textContent()).toBe('Dashboard')

    // Another device (a fresh browser context) gets English too.
    const other = await newPage()
    await signIn(other, email)
    await expect.poll(() => navLabels(other)).toContain('Leads')

    // Switch back.
    await chooseLanguage(page, 'Language', 'Bahasa Indonesia')
    await expect.poll(() => navLabels(page)).toContain('Prospek')
    await expect.poll(() => pageTitle(page).textContent()).toBe('Dasbor')
    await page.reload()
    await page.getByTestId('nav-main').waitFor()
    expect(await navLabels(page)).toContain('Prospek')
    await expect.poll(async () => (await call('GET', '/api/me', { token: (await tokenOf(page))! })).body.locale).toBe('id')
  })

  it('renders English on the server for an English account, without waiting for scripts', async () => {
    const email = await freshUser()
    const page = await newPage()
    await signIn(page, email)
    await chooseLanguage(page, 'Bahasa', 'English')
    await expect.poll(() => navLabels(page)).toContain('Leads')

    const noScript = await newPage(undefined, { storageState: await page.context().storageState(), javaScriptEnabled: false })
    await noScript.goto('/leads')
    expect(pathOf(noScript)).toBe('/leads')
    expect(await pageTitle(noScript).textContent()).toBe('Leads')
    expect(await noScript.getByTestId('nav-main').getByRole('link', { name: 'Dashboard' }).count()).toBe(1)
    expect(await noScript.locator('html').getAttribute('lang')).toMatch(/^en/)
  })

  it('keeps everyone else in Bahasa Indonesia', async () => {
    const page = await newPage()
    await signIn(page, 'sales3@demo.test')
    await visit(page, '/leads')
    expect(await navLabels(page)).toContain('Prospek')
    expect(await pageTitle(page).textContent()).toBe('Prospek')
  })
})

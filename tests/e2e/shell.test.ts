import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { call, login } from '../support/http'
import { close, hydrated, launch, newPage, pageTitle, pathOf, PHONE, signIn, tokenOf, visit } from './browser'

beforeAll(launch)
afterAll(close)

const EVERYONE = ['Dasbor', 'Prospek', 'Pipeline', 'Follow-up', 'Kalender', 'To-do']
const MAIN_TAIL = ['WhatsApp', 'Berita']

/** What each role should find in the sidebar, in order: the main areas, then the admin ones. */
const ROLES = [
  { role: 'Owner', email: 'owner@demo.test', name: 'Ibu Ratna Owner', nav: [...EVERYONE, 'Laporan', ...MAIN_TAIL, 'Tim', 'Pengaturan'] },
  { role: 'Manajer', email: 'manager@demo.test', name: 'Pak Hendra Manager', nav: [...EVERYONE, 'Laporan', ...MAIN_TAIL, 'Tim', 'Pengaturan'] },
  { role: 'Admin', email: 'admin@demo.test', name: 'Dewi Admin', nav: [...EVERYONE, 'Laporan', ...MAIN_TAIL] },
  { role: 'Sales/CS', email: 'sales@demo.test', name: 'Budi Sales', nav: [...EVERYONE, 'Laporan', ...MAIN_TAIL] },
]

/** The areas, their page titles and the heading of their empty state. */
const AREAS = [
  { path: '/whatsapp', title: 'WhatsApp', empty: 'Belum ada percakapan WhatsApp' },
  { path: '/news', title: 'Berita', empty: 'Belum ada berita' },
]

const sidebar = (page: Page) => page.locator('[data-testid="nav-main"], [data-testid="nav-admin"]')
const navLinks = (page: Page) => sidebar(page).getByRole('link')
const navLabels = async (page: Page) => (await navLinks(page).allInnerTexts()).map(t => t.trim()).filter(Boolean)

describe.each(ROLES)('signed in as $role', ({ email, name, role, nav }) => {
  it('lands on the dashboard with the brand, their name and the areas their role may see', async () => {
    const page = await newPage()
    await signIn(page, email)
    expect(pathOf(page)).toBe('/')
    expect(await pageTitle(page).textContent()).toBe('Dasbor')
    expect(await page.getByRole('link', { name: 'CRM – MARKETING' }).isVisible()).toBe(true)

    const menu = page.getByTestId('user-menu')
    expect(await menu.innerText()).toContain(name)
    expect(await menu.innerText()).toContain(role)

    expect(await navLabels(page)).toEqual(nav)
    expect(await page.getByRole('link', { name: 'Dasbor' }).getAttribute('aria-current')).toBe('page')

    // The menu itself names the user and their e-mail.
    await menu.click()
    const dropdown = page.getByRole('menu')
    await dropdown.waitFor()
    expect(await dropdown.innerText()).toContain(name)
    expect(await dropdown.innerText()).toContain(email)
  })
})

describe('areas', () => {
  it('renders every area with its title and an honest empty state for the owner', async () => {
    const page = await newPage()
    await signIn(page, 'owner@demo.test')
    for (const area of AREAS) {
      await visit(page, area.path)
      expect(pathOf(page), area.path).toBe(area.path)
      expect(await pageTitle(page).textContent(), area.path).toBe(area.title)
      expect(await page.title(), area.path).toBe(`${area.title} · CRM – MARKETING`)
      const empty = page.getByTestId('empty-state')
      expect(await empty.isVisible(), area.path).toBe(true)
      expect(await empty.getByRole('heading').textContent(), area.path).toBe(area.empty)
    }

    await visit(page, '/team')
    expect(await pageTitle(page).textContent()).toBe('Tim')
    const table = page.getByTestId('users-table')
    await table.getByRole('cell', { name: /Ibu Ratna Owner/ }).waitFor()
    expect(await table.getByRole('row').count()).toBeGreaterThan(9) // header + the 9 demo users
    expect(await page.getByTestId('empty-state').count()).toBe(0)
  })

  it('moves between areas through the sidebar links', async () => {
    const page = await newPage()
    await signIn(page, 'owner@demo.test')
    for (const area of [...AREAS.slice(1), { path: '/team', title: 'Tim' }, AREAS[0]!]) {
      const link = sidebar(page).getByRole('link', { name: area.title, exact: true })
      await link.click()
      await page.waitForURL(u => u.pathname === area.path)
      await expect.poll(() => pageTitle(page).textContent(), { message: area.path }).toBe(area.title)
      expect(await link.getAttribute('aria-current'), area.path).toBe('page')
    }
  })
})

describe('sidebar collapse', () => {
  it('collapses to icons, stays collapsed after a reload, and expands again for good', async () => {
    const page = await newPage()
    await signIn(page, 'admin2@demo.test')
    const collapse = page.getByTestId('sidebar-collapse')
    const label = sidebar(page).getByText('Prospek', { exact: true })
    expect(await label.isVisible()).toBe(true)
    const widthBefore = (await page.getByTestId('nav-main').boundingBox())!.width

    await collapse.click()
    await expect.poll(() => label.isVisible()).toBe(false)
    const expectIconsOnly = async () => {
      expect(await navLinks(page).count()).toBe(9)
      for (const link of await navLinks(page).all()) {
        expect(await link.isVisible()).toBe(true)
        expect((await link.innerText()).trim()).toBe('')
        expect(await link.locator('svg, .iconify').first().isVisible()).toBe(true)
      }
      expect(await page.getByRole('link', { name: 'CRM – MARKETING' }).count()).toBe(0)
      expect((await page.getByTestId('nav-main').boundingBox())!.width).toBeLessThan(widthBefore / 2)
    }
    await expectIconsOnly()

    await page.reload()
    await page.getByTestId('nav-main').waitFor()
    await expectIconsOnly()

    await page.getByTestId('sidebar-collapse').click()
    await expect.poll(() => label.isVisible()).toBe(true)
    expect(await navLabels(page)).toContain('Laporan')
    await page.reload()
    await page.getByTestId('nav-main').waitFor()
    expect(await label.isVisible()).toBe(true)
    expect(await page.getByRole('link', { name: 'CRM – MARKETING' }).isVisible()).toBe(true)
  })

  it('is rendered collapsed by the server already, without waiting for scripts', async () => {
    const page = await newPage()
    await signIn(page, 'sales4@demo.test')
    await page.getByTestId('sidebar-collapse').click()
    await expect.poll(() => sidebar(page).getByText('Prospek', { exact: true }).isVisible()).toBe(false)

    const noScript = await newPage(undefined, { storageState: await page.context().storageState(), javaScriptEnabled: false })
    await noScript.goto('/')
    expect(await noScript.getByTestId('nav-main').getByRole('link').count()).toBe(9)
    expect(await noScript.getByTestId('nav-main').getByText('Prospek', { exact: true }).isVisible()).toBe(false)

    // Put it back, so this account starts expanded elsewhere.
    await page.getByTestId('sidebar-collapse').click()
    await expect.poll(() => sidebar(page).getByText('Prospek', { exact: true }).isVisible()).toBe(true)
  })
})

describe('Sales/CS access', () => {
  it('hides Tim and Pengaturan, and the users API answers 403', async () => {
    const page = await newPage()
    await signIn(page, 'sales2@demo.test')
    expect(await navLabels(page)).not.toContain('Tim')
    expect(await navLabels(page)).not.toContain('Pengaturan')
    const token = (await tokenOf(page))!
    expect((await call('GET', '/api/users', { token })).status).toBe(403)
    expect((await call('GET', '/api/users', { token: await login('owner@demo.test') })).status).toBe(200)
  })

  it('answers a direct visit to /team with the 403 page', async () => {
    const page = await newPage()
    await signIn(page, 'sales2@demo.test')
    const response = await page.goto('/team')
    expect(response?.status()).toBe(403)
    await hydrated(page)
    expect(pathOf(page)).toBe('/team')
    const error = page.getByTestId('error-page')
    await error.waitFor()
    expect(await error.innerText()).toContain('403')
    expect(await error.innerText()).toContain('Anda tidak memiliki akses ke halaman ini.')
    expect(await page.getByTestId('users-table').count()).toBe(0)

    // The way back is offered, and works.
    await page.getByRole('button', { name: 'Kembali ke Dasbor' }).click()
    await page.waitForURL(u => u.pathname === '/')
    await expect.poll(() => pageTitle(page).textContent()).toBe('Dasbor')
  })

  it('answers the other areas outside the role with 403 too', async () => {
    const page = await newPage()
    await signIn(page, 'sales2@demo.test')
    // Reports are open to them (their own figures); targets, ad spend and settings are not.
    for (const path of ['/reports/targets', '/reports/ad-spend', '/settings']) {
      expect((await page.goto(path))?.status(), path).toBe(403)
      await hydrated(page)
      const error = page.getByTestId('error-page')
      await error.waitFor()
      expect(await error.innerText(), path).toContain('403')
    }
  })
})

describe('on a phone', () => {
  it('hides the sidebar and opens it as a drawer from the navbar toggle', async () => {
    const page = await newPage(PHONE)
    await signIn(page, 'admin3@demo.test')
    expect(await pageTitle(page).textContent()).toBe('Dasbor')
    expect(await page.getByTestId('nav-main').isVisible()).toBe(false)
    expect(await page.getByTestId('sidebar-collapse').isVisible()).toBe(false)

    await page.getByRole('button', { name: /^(Buka sidebar|Open sidebar)$/ }).click()
    const drawer = page.getByRole('dialog')
    await drawer.waitFor()
    for (const label of [...EVERYONE, 'Laporan', ...MAIN_TAIL])
      expect(await drawer.getByRole('link', { name: label, exact: true }).isVisible(), label).toBe(true)
    expect(await drawer.getByTestId('user-menu').isVisible()).toBe(true)

    // A link leads to its area and the drawer gets out of the way.
    await drawer.getByRole('link', { name: 'Prospek', exact: true }).click()
    await page.waitForURL(u => u.pathname === '/leads')
    await expect.poll(() => pageTitle(page).textContent()).toBe('Prospek')
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0)
  })
})

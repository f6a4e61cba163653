import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { call, login } from '../support/http'
import { close, launch, newPage, pageTitle, pathOf, PHONE, signIn, visit } from './browser'

/** The bell, the notifications page and the notification switches, in Chromium, for users made for this file. */

beforeAll(launch)
afterAll(close)

const stamp = Date.now().toString(36)
let owner: string
let seq = 0

/** A fresh Sales/CS account with no notifications, signed in on a new page. */
async function freshUser(viewport?: typeof PHONE): Promise<{ id: number, email: string, page: Page }> {
  owner ??= await login('owner@demo.test')
  const email = `bell-e2e-${stamp}-${++seq}@demo.test`
  const res = await call('POST', '/api/users', { token: owner, body: { name: `Lonceng Uji ${seq}`, email, role: 'sales', password: 'rahasia123' } })
  expect(res.status).toBe(201)
  const page = await newPage(viewport)
  await signIn(page, email, 'rahasia123')
  return { id: res.body.id, email, page }
}

async function assign(userId: number, studentName: string): Promise<number> {
  const res = await call('POST', '/api/leads', { token: owner, body: { studentName, assignedTo: userId } })
  expect(res.status).toBe(201)
  return res.body.id
}

const badge = (page: Page) => page.getByTestId('notifications-count')
const bell = (page: Page) => page.getByTestId('notifications-button')

describe('the bell', () => {
  it('counts up live when a lead is assigned by someone else, and a click opens the lead and marks it read', async () => {
    const { id, page } = await freshUser()
    // The stream is connected (the first event arrived) before anything happens.
    await page.waitForSelector('[data-testid="notifications-button"][data-live="live"]')
    expect(await badge(page).count()).toBe(0)

    const first = await assign(id, `Lonceng Satu ${stamp}`)
    await expect.poll(() => badge(page).textContent(), { timeout: 4000 }).toBe('1')
    await assign(id, `Lonceng Dua ${stamp}`)
    await expect.poll(() => badge(page).textContent(), { timeout: 4000 }).toBe('2')
    expect(pathOf(page)).toBe('/')

    await bell(page).click()
    const latest = page.getByTestId('notifications-latest')
    await latest.waitFor()
    const item = latest.getByTestId('notification-item').filter({ hasText: `Prospek baru: Lonceng Satu ${stamp}` })
    expect(await item.getAttribute('data-unread')).toBe('true')
    await item.getByRole('button', { name: new RegExp(`Lonceng Satu ${stamp}`) }).click()
    await page.waitForURL(u => u.pathname === `/leads/${first}`)
    await expect.poll(() => badge(page).textContent()).toBe('1')
    // The URL changes when the navigation starts; the dashboard's title stays until the lead page has its data.
    await expect.poll(() => pageTitle(page).textContent()).toContain(`Lonceng Satu ${stamp}`)
  })

  it('marks all read from the slideover and reaches the full page, where the latest updates are', async () => {
    const { id, page } = await freshUser(PHONE)
    await assign(id, `Halaman Satu ${stamp}`)
    await assign(id, `Halaman Dua ${stamp}`)
    await visit(page, '/')
    await expect.poll(() => badge(page).textContent()).toBe('2')
    await bell(page).click()
    await page.getByTestId('notifications-mark-all').click()
    await expect.poll(() => badge(page).count()).toBe(0)
    await page.getByTestId('notifications-see-all').click()
    await page.waitForURL(u => u.pathname === '/notifications')
    const items = page.getByTestId('notifications-list').getByTestId('notification-item')
    await expect.poll(() => items.count()).toBe(2)
    expect(await items.first().getAttribute('data-unread')).toBe('false')

    await page.getByRole('tab', { name: 'Pembaruan terbaru' }).click()
    await page.waitForURL(u => u.searchParams.get('tab') === 'feed')
    const feed = page.getByTestId('feed-list').getByTestId('feed-item')
    await expect.poll(() => feed.count()).toBe(2)
    expect(await feed.first().textContent()).toContain(`Halaman Dua ${stamp}`)
  })
})

describe('notification switches in the profile', () => {
  it('persist after a reload and are what the API answers', async () => {
    const { email, page } = await freshUser()
    await visit(page, '/profile')
    const card = page.getByTestId('notification-prefs')
    const changedEmail = card.getByRole('switch', { name: 'Prospek saya diubah: E-mail' })
    const assignedInApp = card.getByRole('switch', { name: 'Prospek ditugaskan ke saya: Di aplikasi' })
    expect(await changedEmail.getAttribute('aria-checked')).toBe('false')
    expect(await assignedInApp.getAttribute('aria-checked')).toBe('true')
    // The digest has no in-app form.
    expect(await card.getByRole('switch', { name: 'Ringkasan harian (07.00): Di aplikasi' }).count()).toBe(0)

    for (const sw of [changedEmail, assignedInApp]) {
      const saved = page.waitForResponse(r => r.url().endsWith('/api/me/notification-prefs') && r.request().method() === 'PUT')
      await sw.click()
      expect((await saved).status()).toBe(200)
    }
    await page.reload()
    await card.waitFor()
    expect(await changedEmail.getAttribute('aria-checked')).toBe('true')
    expect(await assignedInApp.getAttribute('aria-checked')).toBe('false')

    const prefs = await call('GET', '/api/me/notification-prefs', { token: await login(email, 'rahasia123') })
    expect(prefs.body.lead_changed).toEqual({ inApp: true, email: true })
    expect(prefs.body.lead_assigned).toEqual({ inApp: false, email: true })
  })
})

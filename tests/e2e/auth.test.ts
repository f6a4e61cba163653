import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call } from '../support/http'
import { close, launch, newPage, pageTitle, pathOf, signIn, submitLogin, tokenOf, visit } from './browser'

beforeAll(launch)
afterAll(close)

describe('login page', () => {
  it('speaks Bahasa Indonesia by default', async () => {
    const page = await newPage()
    await visit(page, '/login')
    await expect.poll(() => pageTitle(page).textContent()).toBe('Masuk ke CRM')
    expect(await page.locator('html').getAttribute('lang')).toMatch(/^id/)
    expect(await page.title()).toContain('Masuk ke CRM')
    expect(await page.getByLabel('E-mail').isVisible()).toBe(true)
    expect(await page.getByLabel('Kata sandi').isVisible()).toBe(true)
    expect(await page.getByRole('button', { name: 'Masuk', exact: true }).isVisible()).toBe(true)
  })

  it('shows an error for a wrong password and stays on /login', async () => {
    const page = await newPage()
    await submitLogin(page, 'owner@demo.test', 'wrong-password')
    const alert = page.getByTestId('login-error')
    await alert.waitFor()
    expect(await alert.textContent()).toContain('E-mail atau kata sandi salah.')
    expect(pathOf(page)).toBe('/login')
    expect(await tokenOf(page)).toBeFalsy()
    // The form keeps what was typed, so the person only fixes the password.
    expect(await page.getByLabel('E-mail').inputValue()).toBe('owner@demo.test')
  })

  it('shows a field error for an e-mail that is not one, without calling the server', async () => {
    const page = await newPage()
    const logins: string[] = []
    page.on('request', r => r.url().includes('/api/auth/login') && logins.push(r.url()))
    await submitLogin(page, 'not-an-email', 'whatever1')
    const message = page.getByText('E-mail tidak valid', { exact: true })
    await message.waitFor()
    expect(await page.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true')
    expect(pathOf(page)).toBe('/login')
    expect(logins).toEqual([])
  })
})

describe('guarded pages', () => {
  it('sends an unauthenticated visit to /team to /login, and back to /team after signing in', async () => {
    const page = await newPage()
    await visit(page, '/team')
    expect(pathOf(page)).toBe('/login')
    await expect.poll(() => pageTitle(page).textContent()).toBe('Masuk ke CRM')
    await submitLogin(page, 'manager@demo.test')
    await page.waitForURL(u => u.pathname === '/team')
    await expect.poll(() => pageTitle(page).textContent()).toBe('Tim')
  })

  it('sends an unauthenticated visit to / to /login', async () => {
    const page = await newPage()
    await visit(page, '/')
    expect(pathOf(page)).toBe('/login')
  })

  it('sends a signed-in user away from /login to the dashboard', async () => {
    const page = await newPage()
    await signIn(page, 'admin2@demo.test')
    await visit(page, '/login')
    await page.waitForURL(u => u.pathname === '/')
    await expect.poll(() => pageTitle(page).textContent()).toBe('Dasbor')
  })
})

describe('sign out', () => {
  it('signs out through the user menu and ends the session on the server', async () => {
    const page = await newPage()
    await signIn(page, 'sales3@demo.test')
    const token = await tokenOf(page)
    expect(token).toBeTruthy()
    expect((await call('GET', '/api/auth/session', { token: token! })).status).toBe(200)

    await page.getByTestId('user-menu').click()
    await page.getByRole('menuitem', { name: 'Keluar' }).click()
    await page.waitForURL(u => u.pathname === '/login')
    await expect.poll(() => pageTitle(page).textContent()).toBe('Masuk ke CRM')
    expect(await tokenOf(page)).toBeFalsy()

    await visit(page, '/')
    expect(pathOf(page)).toBe('/login')

    const after = await call('GET', '/api/auth/session', { token: token! })
    expect(after.status).toBe(401)
  })
})

import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { inject, onTestFinished } from 'vitest'
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core'
import { freshIp } from '../support/http'

/**
 * Browser helpers for the e2e project: one Chromium per test file, one context per test.
 * A failed test leaves a full-page screenshot and a log of the page's requests and console
 * errors in tests/.artifacts/.
 */

export const PASSWORD = 'demo12345'
export const PHONE = { width: 390, height: 844 }
export const DESKTOP = { width: 1366, height: 900 }

export const baseURL = () => inject('baseURL')

const ARTIFACTS = fileURLToPath(new URL('../.artifacts/', import.meta.url))

let browser: Browser | undefined

export async function launch(): Promise<Browser> {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  return browser
}

export async function close(): Promise<void> {
  await browser?.close()
  browser = undefined
}

/**
 * A page in a fresh context (no cookies). Each context speaks from its own client address
 * (X-Forwarded-For, trusted by the test server) so login throttling cannot leak between tests.
 * Must be called inside a test: the context closes when the test finishes.
 */
export async function newPage(viewport = DESKTOP, options: BrowserContextOptions = {}): Promise<Page> {
  if (!browser) throw new Error('call launch() in beforeAll first')
  const context = await browser.newContext({
    ...options,
    viewport,
    baseURL: baseURL(),
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    extraHTTPHeaders: { 'x-forwarded-for': freshIp() },
  })
  context.setDefaultTimeout(10_000)
  const page = await context.newPage()
  // What the page did, written next to the screenshot when a test fails.
  const log: string[] = []
  const stamp = () => new Date().toISOString().slice(11, 23)
  page.on('console', m => (m.type() === 'error' || m.type() === 'warning') && log.push(`${stamp()} console.${m.type()}: ${m.text()}`))
  page.on('pageerror', e => log.push(`${stamp()} pageerror: ${e.message}`))
  page.on('response', r => (r.request().resourceType() === 'document' || r.url().includes('/api/')) && log.push(`${stamp()} ${r.request().method()} ${r.url()} -> ${r.status()}`))
  page.on('requestfailed', r => log.push(`${stamp()} FAILED ${r.method()} ${r.url()}: ${r.failure()?.errorText}`))
  onTestFinished(async ({ task }) => {
    if (task.result?.state === 'fail' && !task.fails) {
      try {
        mkdirSync(ARTIFACTS, { recursive: true })
        const name = `${task.file?.name.replace(/.*\//, '').replace(/\.test\.ts$/, '')}--${task.name}`.replace(/[^\w.-]+/g, '_').slice(0, 120)
        writeFileSync(`${ARTIFACTS}${name}.log`, `${log.join('\n')}\n`)
        await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true })
      }
      catch { /* the page may be gone */ }
    }
    await context.close()
  })
  return page
}

/** Wait until Nuxt has hydrated the page, so typing and clicking reach Vue, not dead SSR markup. */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const app = (document.querySelector('#__nuxt') as unknown as { __vue_app__?: { $nuxt?: { isHydrating?: boolean } } } | null)?.__vue_app__
    return !!app && app.$nuxt?.isHydrating === false
  })
}

/** Open a path and wait for hydration. */
export async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path)
  await hydrated(page)
}

/** Fill the login form the way a person does, without waiting for where it leads. */
export async function submitLogin(page: Page, email: string, password = PASSWORD): Promise<void> {
  if (!new URL(page.url(), 'http://x').pathname.startsWith('/login')) await visit(page, '/login')
  else await hydrated(page)
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Kata sandi').fill(password)
  await page.getByRole('button', { name: 'Masuk', exact: true }).click()
}

/** Sign in through the login page and wait to land on the dashboard. */
export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await submitLogin(page, email, password)
  await page.waitForURL(u => u.pathname === '/')
  await page.getByTestId('login-form').waitFor({ state: 'detached' })
  await pageTitle(page).waitFor()
  await hydrated(page)
}

/** Where the page is now, without the origin. */
export function pathOf(page: Page): string {
  return new URL(page.url()).pathname
}

/** The page title: the one level-1 heading (the dashboard navbar's, or the login card's). */
export function pageTitle(page: Page) {
  return page.getByRole('heading', { level: 1 })
}

/** The user's auth token, as the browser keeps it (the `auth.token` cookie). */
export async function tokenOf(page: Page): Promise<string | undefined> {
  const cookies = await page.context().cookies()
  const value = cookies.find(c => c.name === 'auth.token')?.value
  return value ? decodeURIComponent(value) : undefined
}

import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import { call, login } from '../support/http'
import { hydrated, pathOf, signIn, visit } from './browser'

/**
 * Leads for the browser tests, made through the API. Every test tags its leads with a word no other test
 * uses, and searches for it, so tests do not depend on order, on each other or on earlier runs.
 */

let seq = 0
/** A word that starts the names of one test's leads: search finds exactly those. */
export const uniqueTag = (prefix = 'Uji') => `${prefix}${Date.now().toString(36)}${(++seq).toString(36)}`

const phoneBase = String(Date.now() % 1e6).padStart(6, '0')
let phoneSeq = 0
/** A mobile number no other lead of this run has: 0881-xxxx-xxxx. */
export const uniquePhone = () => `0881${phoneBase}${String(++phoneSeq % 100).padStart(2, '0')}`

const tokens = new Map<string, string>()
export async function tokenFor(email: string): Promise<string> {
  if (!tokens.has(email)) tokens.set(email, await login(email))
  return tokens.get(email)!
}

export interface Lookups { stages: { id: number, code: string, name: string }[], programs: { id: number, name: string, price: number }[], assignees: { id: number, name: string }[] }
let lookups: Lookups | undefined
export async function getLookups(): Promise<Lookups> {
  lookups ??= (await call<Lookups>('GET', '/api/lookups', { token: await tokenFor('owner@demo.test') })).body
  return lookups
}
export const stageId = async (code: string) => (await getLookups()).stages.find(s => s.code === code)!.id
export const assigneeId = async (name: string) => (await getLookups()).assignees.find(a => a.name === name)!.id

/** Create a lead as the Owner (or `as`), failing the test on anything but 201. */
export async function seedLead(body: Record<string, unknown>, as = 'owner@demo.test'): Promise<{ id: number, studentName: string }> {
  const res = await call('POST', '/api/leads', { token: await tokenFor(as), body: { allowDuplicate: true, ...body } })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body
}

/** Sign in and open the leads table (optionally a given URL of it), with its rows rendered. */
export async function openLeads(page: Page, email: string, path = '/leads'): Promise<void> {
  await signIn(page, email)
  await visit(page, path)
  expect(pathOf(page)).toBe(new URL(path, 'http://x').pathname)
  // The table, or the empty state in its place.
  await page.locator('[data-testid="leads-table"], [data-testid="empty-state"]').first().waitFor()
  await hydrated(page)
}

export const table = (page: Page) => page.getByTestId('leads-table')
export const bodyRows = (page: Page) => table(page).locator('tbody tr')

/** The student names in the table, top to bottom. */
export async function namesInTable(page: Page): Promise<string[]> {
  return (await table(page).locator('tbody tr td:nth-child(2) a').allInnerTexts()).map(n => n.trim())
}

/** Header labels of the visible columns, in order (the selection column has none). */
export async function headers(page: Page): Promise<string[]> {
  return (await table(page).locator('thead th').allInnerTexts()).map(h => h.trim()).filter(Boolean)
}

/** Wait until the table shows exactly these names (in any order unless `ordered`). */
export async function expectNames(page: Page, names: string[], ordered = false): Promise<void> {
  await expect.poll(async () => (ordered ? namesInTable(page) : (await namesInTable(page)).sort()), { timeout: 10_000 })
    .toEqual(ordered ? names : [...names].sort())
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call } from '../support/http'
import { close, launch, newPage, PHONE, signIn, visit } from './browser'
import { tokenFor } from './leads-support'

beforeAll(launch)
afterAll(close)

describe('shared report links', () => {
  it('opens a shared report in a fresh browser without a session, and stops once it is revoked', async () => {
    // A known target in a month nothing else touches, so the shared page has a figure to show.
    const owner = await tokenFor('owner@demo.test')
    const put = await call('PUT', '/api/targets', { token: owner, body: { month: '2039-05', items: [{ scope: 'overall', scopeId: 0, revenue: 7_000_000, students: 7, leads: 70 }] } })
    expect(put.status).toBe(200)

    const page = await newPage()
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await signIn(page, 'manager@demo.test')
    await visit(page, '/reports/target-vs-real?from=2039-04&to=2039-06')
    await page.getByTestId('tvr-table').waitFor()
    await page.getByTestId('share-open').click()
    await page.getByTestId('share-create').click()
    const url = await page.getByTestId('share-url').inputValue()
    expect(url).toMatch(/\/r\/[\w-]{43}$/)
    await page.getByTestId('share-link').first().waitFor()
    expect(await page.getByTestId('share-link').first().textContent()).toContain('Aktif')

    // Someone without an account, on a phone: no session, no sign-in page, the report with its filters.
    const guest = await newPage(PHONE)
    await guest.goto(url)
    expect(new URL(guest.url()).pathname).toMatch(/^\/r\//)
    expect(await guest.getByTestId('shared-title').textContent()).toBe('Target vs realisasi')
    expect(await guest.getByTestId('shared-period').textContent()).toMatch(/April 2039 – Juni 2039/i)
    const may = guest.getByTestId('tvr-table').getByRole('row').filter({ hasText: 'Mei 2039' })
    expect(await may.textContent()).toMatch(/Rp\s7\.000\.000/)
    expect(await guest.getByTestId('tvr-total-revenue').textContent()).toMatch(/Rp\s0/)
    expect(await guest.locator('nav').count()).toBe(0)
    const overflow = await guest.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    expect((await guest.context().cookies()).find(c => c.name === 'auth.token')).toBeUndefined()

    // The creator sees the view counted, then revokes the link.
    await page.keyboard.press('Escape')
    await page.getByTestId('share-open').click()
    await page.getByTestId('share-link').first().getByText('Dibuka 1 kali').waitFor()
    await page.getByTestId('share-revoke').first().click()
    await page.getByTestId('share-link').first().getByText('Dicabut').waitFor()

    await guest.reload()
    await guest.getByTestId('shared-revoked').waitFor()
    expect(await guest.getByTestId('shared-revoked').textContent()).toBe('Tautan ini sudah dicabut oleh pembuatnya.')
    expect(await guest.getByTestId('tvr-table').count()).toBe(0)
  })

  it('shares the dashboard of a month: cards and charts, without the feed of latest updates', async () => {
    const page = await newPage()
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await signIn(page, 'owner@demo.test')
    await visit(page, '/?month=2037-03')
    await page.getByTestId('kpi-cards').waitFor()
    await page.getByTestId('share-open').click()
    await page.getByTestId('share-days').click()
    await page.getByRole('option', { name: '30 hari' }).click()
    await page.getByTestId('share-create').click()
    const url = await page.getByTestId('share-url').inputValue()

    const guest = await newPage(PHONE)
    await guest.goto(url)
    expect(await guest.getByTestId('shared-title').textContent()).toBe('Dasbor')
    expect(await guest.getByTestId('shared-period').textContent()).toMatch(/Maret 2037/i)
    await guest.getByTestId('kpi-students').waitFor()
    await guest.getByTestId('chart-trend').waitFor()
    expect(await guest.getByText('Kabar terbaru').count()).toBe(0)
    expect(await guest.getByTestId('share-open').count()).toBe(0)
  })

  it('says plainly when a link is unknown', async () => {
    const guest = await newPage()
    await visit(guest, '/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
    expect(await guest.getByTestId('shared-notFound').textContent()).toBe('Tautan ini tidak dikenal.')
  })
})

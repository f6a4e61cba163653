import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call } from '../support/http'
import { close, launch, newPage, PHONE, signIn, visit } from './browser'
import { tokenFor } from './leads-support'

beforeAll(launch)
afterAll(close)

describe('target vs real report', () => {
  it('shows the months of the URL\'s period with their targets, a chart, and keeps a changed filter in the URL', async () => {
    const owner = await tokenFor('owner@demo.test')
    for (const [month, students] of [['2038-02', 12], ['2038-03', 15]] as const) {
      const put = await call('PUT', '/api/targets', { token: owner, body: { month, items: [{ scope: 'overall', scopeId: 0, revenue: 50_000_000, students, leads: 120 }] } })
      expect(put.status).toBe(200)
    }
    const page = await newPage()
    await signIn(page, 'owner@demo.test')
    await visit(page, '/reports/target-vs-real?from=2038-01&to=2038-03')
    const rows = page.getByTestId('tvr-table').locator('tbody tr')
    await rows.first().waitFor()
    // Three months and the totals row.
    expect(await rows.count()).toBe(4)
    expect(await rows.nth(1).textContent()).toMatch(/Februari 2038.*Rp\s50\.000\.000/)
    expect(await page.getByTestId('tvr-total-students').textContent()).toContain('dari 27')
    await page.getByTestId('chart-target-vs-real').waitFor()

    await page.getByTestId('tvr-metric').getByRole('tab', { name: 'Siswa' }).click()
    await page.getByTestId('filter-to').fill('2038-02')
    await page.waitForURL(u => u.searchParams.get('to') === '2038-02')
    await rows.nth(3).waitFor({ state: 'detached' })
    expect(await rows.count()).toBe(3)
    await page.reload()
    await page.getByTestId('tvr-table').waitFor()
    expect(await page.getByTestId('filter-to').inputValue()).toBe('2038-02')
    expect(await page.getByTestId('tvr-total-students').textContent()).toContain('dari 12')
  })

  it('fits a phone: no sideways scrolling of the page itself', async () => {
    const page = await newPage(PHONE)
    await signIn(page, 'sales@demo.test')
    await visit(page, '/reports/target-vs-real')
    await page.getByTestId('tvr-table').waitFor()
    expect(await page.getByTestId('report-scope').textContent()).toContain('Angka Anda')
    expect(await page.getByTestId('filter-user').count()).toBe(0)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
  })
})

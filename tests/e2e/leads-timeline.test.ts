import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call } from '../support/http'
import { close, launch, newPage, signIn, visit } from './browser'
import { seedLead, tokenFor, uniqueTag } from './leads-support'

beforeAll(launch)
afterAll(close)

describe('lead timeline', () => {
  it('shows a stage change made on the page and an audited edit, newest first', async () => {
    const tag = uniqueTag('Riwayat')
    const lead = await seedLead({ studentName: `${tag} Wati`, school: 'SMA Negeri 5 Bekasi', grade: 'SMA 11' })
    const edit = await call('PATCH', `/api/leads/${lead.id}`, { token: await tokenFor('owner@demo.test'), body: { grade: 'SMA 12' } })
    expect(edit.status).toBe(200)

    const page = await newPage()
    await signIn(page, 'admin@demo.test')
    await visit(page, `/leads/${lead.id}`)
    const timeline = page.getByTestId('lead-timeline')
    const edits = timeline.getByTestId('timeline-edit')
    await edits.first().waitFor()
    expect(await edits.first().innerText()).toContain('ubah: Kelas')
    expect(await edits.first().innerText()).toContain('SMA 11 → SMA 12')
    expect(await edits.first().innerText()).toContain('Ibu Ratna Owner')

    await page.getByTestId('change-stage').click()
    const dialog = page.getByRole('dialog', { name: 'Ubah tahap' })
    await dialog.getByTestId('stage-select').click()
    await page.getByRole('option', { name: 'Follow-up' }).click()
    await dialog.getByTestId('stage-submit').click()
    await page.getByText('Tahap diubah ke Follow-up', { exact: true }).waitFor()

    // The timeline reloads with the new move on top.
    const entries = timeline.locator('ol > li')
    await expect.poll(() => entries.first().innerText()).toContain('Prospek → Follow-up')
    expect(await entries.first().innerText()).toContain('Dewi Admin')
    expect(await entries.first().getAttribute('data-testid')).toBe('timeline-stage')
    expect(await entries.nth(1).getAttribute('data-testid')).toBe('timeline-edit')
    expect(await entries.last().innerText()).toContain('Masuk di tahap Prospek')
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call } from '../support/http'
import { close, launch, newPage, pageTitle, signIn, visit } from './browser'
import { expectNames, openLeads, seedLead, stageId, tokenFor, uniquePhone, uniqueTag } from './leads-support'

beforeAll(launch)
afterAll(close)

describe('lead page', () => {
  it('opens from its row with the stage, the contact card and a click-to-chat link', async () => {
    const tag = uniqueTag('Detail')
    const phone = uniquePhone()
    await seedLead({ studentName: `${tag} Intan`, parentName: 'Bapak Joko', whatsapp: phone, utmSource: 'tiktok', utmCampaign: 'utbk2027' })
    const page = await newPage()
    await openLeads(page, 'admin@demo.test', `/leads?q=${tag}`)
    await expectNames(page, [`${tag} Intan`])
    // A click anywhere on the row opens the lead.
    await page.getByTestId('leads-table').locator('tbody tr').first().locator('td').nth(3).click()
    await page.waitForURL(u => /^\/leads\/\d+$/.test(u.pathname))
    await expect.poll(() => pageTitle(page).textContent()).toBe(`${tag} Intan`)

    expect(await page.getByTestId('lead-stage').innerText()).toBe('Prospek')
    expect(await page.getByTestId('lead-follow-up').innerText()).toBe('Baru')
    const card = page.getByTestId('contact-card')
    expect(await card.getByTestId('lead-whatsapp').innerText()).toBe(`${phone.slice(0, 4)}-${phone.slice(4, 8)}-${phone.slice(8)}`)
    const chat = card.getByTestId('wa-link')
    expect(await chat.getAttribute('href')).toBe(`https://wa.me/62${phone.slice(1)}`)
    expect(await chat.getAttribute('target')).toBe('_blank')
    expect(await card.innerText()).toContain('Bapak Joko')
    expect(await card.innerText()).toContain('utbk2027')
    // The history the API cannot give yet is said plainly, not made up.
    expect(await page.getByTestId('timeline-pending').isVisible()).toBe(true)
  })

  it('changes the stage, asking why when the lead is lost', async () => {
    const tag = uniqueTag('Tahap')
    const lead = await seedLead({ studentName: `${tag} Joni` })
    const page = await newPage()
    await signIn(page, 'admin@demo.test')
    await visit(page, `/leads/${lead.id}`)
    await page.getByTestId('change-stage').click()
    const dialog = page.getByRole('dialog', { name: 'Ubah tahap' })
    await dialog.getByTestId('stage-select').click()
    await page.getByRole('option', { name: 'Batal (Lost)' }).click()
    expect(await dialog.getByTestId('stage-submit').isDisabled()).toBe(true)
    await dialog.getByTestId('lost-reason-select').click()
    await page.getByRole('option', { name: 'Harga' }).click()
    await dialog.getByTestId('stage-submit').click()
    await page.getByText('Tahap diubah ke Batal (Lost)', { exact: true }).waitFor()
    await expect.poll(() => page.getByTestId('lead-stage').innerText()).toBe('Batal (Lost)')
    const stored = await call('GET', `/api/leads/${lead.id}`, { token: await tokenFor('owner@demo.test') })
    expect(stored.body).toMatchObject({ stage: { id: await stageId('lost') }, lostReason: 'price' })
  })

  it('answers an unknown lead with the 404 page', async () => {
    const page = await newPage()
    await signIn(page, 'owner@demo.test')
    await visit(page, '/leads/987654321')
    const error = page.getByTestId('error-page')
    await error.waitFor()
    expect(await error.innerText()).toContain('404')
    expect(await error.innerText()).toContain('Halaman tidak ditemukan.')
  })
})

describe('trash', () => {
  it('lets a Manager restore a deleted lead from the trash', async () => {
    const tag = uniqueTag('Sampah')
    const lead = await seedLead({ studentName: `${tag} Kiki` })
    const owner = await tokenFor('owner@demo.test')
    expect((await call('DELETE', `/api/leads/${lead.id}`, { token: owner })).status).toBeLessThan(300)

    const page = await newPage()
    await openLeads(page, 'manager@demo.test')
    await page.getByTestId('open-trash').click()
    await page.waitForURL(u => u.pathname === '/leads/trash')
    const row = page.getByTestId('trash-table').getByRole('row').filter({ hasText: `${tag} Kiki` })
    await row.waitFor()
    expect(await row.innerText()).toContain('Ibu Ratna Owner')
    await row.getByTestId(`restore-${lead.id}`).click()
    await page.getByText(`${tag} Kiki dipulihkan`, { exact: true }).waitFor()
    await row.waitFor({ state: 'detached' })
    expect((await call('GET', `/api/leads/${lead.id}`, { token: owner })).status).toBe(200)
  })

  it('is not offered to Admin, and its page is refused', async () => {
    const page = await newPage()
    await openLeads(page, 'admin@demo.test')
    expect(await page.getByTestId('open-trash').count()).toBe(0)
    await visit(page, '/leads/trash')
    await page.getByTestId('error-page').waitFor()
    expect(await page.getByTestId('error-page').innerText()).toContain('403')
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call } from '../support/http'
import { close, launch, newPage, PHONE, visit } from './browser'
import { assigneeId, bodyRows, expectNames, headers, namesInTable, openLeads, seedLead, stageId, table, tokenFor, uniqueTag } from './leads-support'

beforeAll(launch)
afterAll(close)

describe('leads table', () => {
  it('opens a filtered view from its URL with the filters shown and only matching rows', async () => {
    const tag = uniqueTag('Url')
    const interested = await stageId('interested')
    await seedLead({ studentName: `${tag} Ani`, stageId: interested })
    await seedLead({ studentName: `${tag} Bayu`, stageId: interested })
    await seedLead({ studentName: `${tag} Citra`, stageId: await stageId('prospect') })
    await seedLead({ studentName: `Lain ${tag}`, stageId: interested })

    const page = await newPage()
    await openLeads(page, 'admin@demo.test', `/leads?stage=${interested}&q=${tag}`)
    await expectNames(page, [`${tag} Ani`, `${tag} Bayu`])
    for (const badge of await bodyRows(page).getByText('Tertarik', { exact: true }).all()) expect(await badge.isVisible()).toBe(true)

    // The filters the link carried are visible, and each can be taken off.
    expect(await page.getByTestId('chip-stage').innerText()).toContain('Tertarik')
    expect(await page.getByTestId('chip-q').innerText()).toContain(tag)
    expect(await page.getByTestId('leads-search').inputValue()).toBe(tag)
    expect(await page.getByTestId('leads-total').innerText()).toBe('1–2 dari 2 prospek')

    await page.getByTestId('chip-stage').getByRole('button').click()
    await expectNames(page, [`${tag} Ani`, `${tag} Bayu`, `${tag} Citra`])
    expect(new URL(page.url()).searchParams.get('stage')).toBeNull()
    expect(new URL(page.url()).searchParams.get('q')).toBe(tag)
  })

  it('finds leads by search, and says so with a reset when nothing matches', async () => {
    const tag = uniqueTag('Cari')
    await seedLead({ studentName: `${tag} Dewi`, school: 'SMA Negeri 3 Malang' })
    const page = await openLeadsPage('admin@demo.test')
    await page.getByTestId('leads-search').pressSequentially(tag, { delay: 20 })
    await expectNames(page, [`${tag} Dewi`])
    expect(new URL(page.url()).searchParams.get('q')).toBe(tag)

    await page.getByTestId('leads-search').fill(`${tag}-tidak-ada`)
    const empty = page.getByTestId('empty-state')
    await empty.waitFor()
    expect(await empty.getByRole('heading').innerText()).toBe('Tidak ada prospek yang cocok')
    await empty.getByTestId('reset-filters').click()
    await expect.poll(() => new URL(page.url()).search).toBe('')
    await expect.poll(() => page.getByTestId('leads-search').inputValue()).toBe('')
    await expect.poll(() => bodyRows(page).count()).toBeGreaterThan(1)
  })

  it('sorts on the server by a column header, both ways', async () => {
    const tag = uniqueTag('Urut')
    await seedLead({ studentName: `${tag} Sedang`, expectedValue: 2_000_000 })
    await seedLead({ studentName: `${tag} Mahal`, expectedValue: 7_500_000 })
    await seedLead({ studentName: `${tag} Murah`, expectedValue: 500_000 })
    const page = await newPage()
    await openLeads(page, 'manager@demo.test', `/leads?q=${tag}`)

    const header = table(page).getByTestId('sort-expectedValue')
    await header.click()
    await expectNames(page, [`${tag} Mahal`, `${tag} Sedang`, `${tag} Murah`], true)
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ sort: 'expectedValue', q: tag })
    expect(await header.getAttribute('data-sort')).toBe('desc')
    // Rupiah, right-aligned, in tabular figures.
    const cell = bodyRows(page).first().getByText('Rp', { exact: false })
    expect(await cell.innerText()).toMatch(/^Rp\s?7\.500\.000$/)
    expect(await cell.evaluate(el => getComputedStyle(el).textAlign)).toBe('right')

    await header.click()
    await expectNames(page, [`${tag} Murah`, `${tag} Sedang`, `${tag} Mahal`], true)
    expect(new URL(page.url()).searchParams.get('dir')).toBe('asc')

    await table(page).getByTestId('sort-studentName').click()
    await expectNames(page, [`${tag} Mahal`, `${tag} Murah`, `${tag} Sedang`], true)
  })

  it('keeps a hidden column hidden after a reload, and the new column order too', async () => {
    const page = await openLeadsPage('admin@demo.test')
    expect(await headers(page)).toContain('Sekolah')
    await page.getByTestId('columns-menu').click()
    const panel = page.getByTestId('columns-panel')
    await panel.getByRole('checkbox', { name: 'Sekolah' }).click()
    await expect.poll(() => headers(page)).not.toContain('Sekolah')
    await panel.getByRole('button', { name: 'Geser Channel ke atas' }).click()
    await expect.poll(async () => {
      const h = await headers(page)
      return h.indexOf('Channel') < h.indexOf('Nilai (Rp)')
    }).toBe(true)
    const order = await headers(page)

    await page.reload()
    await table(page).waitFor()
    expect(await headers(page)).toEqual(order)
    expect(order).not.toContain('Sekolah')

    // Another user signing in on the same browser has their own columns.
    await page.context().clearCookies({ name: 'auth.token' })
    await openLeads(page, 'admin2@demo.test')
    expect(await headers(page)).toContain('Sekolah')
  })

  it('saves the current view under a name and brings it back in one click', async () => {
    const tag = uniqueTag('Simpan')
    await seedLead({ studentName: `${tag} Lia`, stageId: await stageId('follow_up') })
    await seedLead({ studentName: `${tag} Mira`, stageId: await stageId('prospect') })
    const page = await newPage()
    await openLeads(page, 'admin@demo.test', `/leads?q=${tag}&stage=${await stageId('follow_up')}&sort=studentName&dir=asc`)
    await expectNames(page, [`${tag} Lia`])
    await page.getByTestId('views-menu').click()
    const panel = page.getByTestId('views-panel')
    await panel.getByRole('textbox', { name: 'Nama tampilan' }).fill('Follow-up saya')
    await panel.getByRole('button', { name: 'Simpan' }).click()
    await page.getByText('Tampilan "Follow-up saya" disimpan', { exact: true }).waitFor()
    await page.keyboard.press('Escape')

    // Somewhere else, after a reload, the view is one click away.
    await visit(page, '/leads')
    await page.getByTestId('views-menu').click()
    await page.getByTestId('views-panel').getByRole('link', { name: 'Follow-up saya' }).click()
    await expectNames(page, [`${tag} Lia`])
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ q: tag, stage: String(await stageId('follow_up')), sort: 'studentName', dir: 'asc' })
    expect(await page.getByTestId('chip-stage').innerText()).toContain('Follow-up')
  })

  it('deletes the selected rows after a confirmation, and not before', async () => {
    const tag = uniqueTag('Hapus')
    const [a, b] = [await seedLead({ studentName: `${tag} Satu` }), await seedLead({ studentName: `${tag} Dua` })]
    await seedLead({ studentName: `${tag} Tiga` })
    const page = await newPage()
    await openLeads(page, 'admin@demo.test', `/leads?q=${tag}`)
    await expectNames(page, [`${tag} Satu`, `${tag} Dua`, `${tag} Tiga`])

    await table(page).getByRole('checkbox', { name: `Pilih ${tag} Satu` }).click()
    await table(page).getByRole('checkbox', { name: `Pilih ${tag} Dua` }).click()
    const bar = page.getByTestId('bulk-bar')
    expect(await bar.innerText()).toContain('2 dipilih')
    await bar.getByTestId('bulk-delete').click()
    const dialog = page.getByRole('dialog', { name: 'Hapus 2 prospek?' })
    await dialog.waitFor()
    await dialog.getByRole('button', { name: 'Batal' }).click()
    await dialog.waitFor({ state: 'detached' })
    expect(await namesInTable(page)).toHaveLength(3)

    await bar.getByTestId('bulk-delete').click()
    await page.getByTestId('confirm-delete').click()
    await page.getByText('2 prospek dipindah ke sampah', { exact: true }).waitFor()
    await expectNames(page, [`${tag} Tiga`])
    const owner = await tokenFor('owner@demo.test')
    expect((await call('GET', `/api/leads/${a.id}`, { token: owner })).status).toBe(404)
    expect((await call('GET', `/api/leads/${b.id}`, { token: owner })).status).toBe(404)
  })

  it('assigns the selected rows to someone in one go', async () => {
    const tag = uniqueTag('Tugas')
    await seedLead({ studentName: `${tag} Eka` })
    await seedLead({ studentName: `${tag} Fajar` })
    const page = await newPage()
    await openLeads(page, 'admin@demo.test', `/leads?q=${tag}`)
    await expectNames(page, [`${tag} Eka`, `${tag} Fajar`])
    await page.getByTestId('select-page').click()
    await page.getByTestId('bulk-assign').click()
    await page.getByRole('option', { name: 'Putri Sales' }).click()
    await page.getByText('2 prospek ditugaskan', { exact: true }).waitFor()
    await expect.poll(() => bodyRows(page).getByText('Putri Sales', { exact: true }).count()).toBe(2)
  })

  it('offers Export only as a disabled button that says it is coming', async () => {
    const page = await openLeadsPage('manager@demo.test')
    expect(await page.getByTestId('export-leads').isDisabled()).toBe(true)
    await page.getByTestId('export-wrapper').hover()
    await expect.poll(() => page.getByText('Segera hadir').count()).toBeGreaterThan(0)
  })
})

describe('scope', () => {
  it('shows Sales/CS only their own leads, and another\'s lead is a 404', async () => {
    const tag = uniqueTag('Milik')
    const mine = await seedLead({ studentName: `${tag} Budi`, assignedTo: await assigneeId('Budi Sales') })
    const theirs = await seedLead({ studentName: `${tag} Putri`, assignedTo: await assigneeId('Putri Sales') })
    const page = await newPage()
    await openLeads(page, 'sales@demo.test', `/leads?q=${tag}`)
    await expectNames(page, [`${tag} Budi`])
    // Nothing to choose between: the assignee filter and bulk assign are not offered.
    await page.getByTestId('open-filters').click()
    await page.getByTestId('filter-panel').waitFor()
    expect(await page.getByTestId('filter-assignee').count()).toBe(0)
    await page.keyboard.press('Escape')

    await visit(page, `/leads/${mine.id}`)
    await page.getByTestId('contact-card').waitFor()
    await visit(page, `/leads/${theirs.id}`)
    await page.getByTestId('error-page').waitFor()
    expect(await page.getByTestId('error-page').innerText()).toContain('404')
  })
})

describe('on a phone', () => {
  it('puts the filters in a slideover and lets the table scroll sideways', async () => {
    const tag = uniqueTag('Hp')
    await seedLead({ studentName: `${tag} Gita`, stageId: await stageId('negotiation') })
    const page = await newPage(PHONE)
    await openLeads(page, 'admin@demo.test', `/leads?q=${tag}`)
    await expectNames(page, [`${tag} Gita`])
    // The pinned name carries the stage, on screen without scrolling sideways.
    const summary = table(page).getByTestId('lead-name-summary')
    expect(await summary.innerText()).toContain('Negosiasi')
    const box = (await summary.boundingBox())!
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width)
    const scroller = table(page)
    expect(await scroller.evaluate(el => el.scrollWidth > el.clientWidth)).toBe(true)

    await page.getByTestId('open-filters').click()
    const panel = page.getByRole('dialog', { name: 'Filter prospek' })
    await panel.waitFor()
    await panel.getByTestId('filter-stage').click()
    await page.getByRole('option', { name: 'Prospek', exact: true }).click()
    await expect.poll(() => new URL(page.url()).searchParams.get('stage')).toBe(String(await stageId('prospect')))
    await page.keyboard.press('Escape')
    await panel.getByRole('button', { name: 'Selesai' }).click()
    await page.getByTestId('empty-state').waitFor()
    expect(await page.getByTestId('chip-stage').innerText()).toContain('Prospek')
  })
})

async function openLeadsPage(email: string) {
  const page = await newPage()
  await openLeads(page, email)
  return page
}

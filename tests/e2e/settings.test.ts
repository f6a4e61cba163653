import { inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { leads } from '../../server/db/schema'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { call, login } from '../support/http'
import { close, launch, newPage, pageTitle, pathOf, PHONE, signIn, visit } from './browser'

const { db, pool } = testDb()
const { channelId, insertLead } = catalogHelpers(db)
beforeAll(launch)
afterAll(async () => {
  await close()
  await pool.end()
})

const tag = () => Date.now().toString(36)
let manager: string
beforeAll(async () => {
  manager = await login('manager@demo.test')
})

/** Stages a test adds are switched off afterwards, so the board in other tests shows the base pipeline. */
const made: number[] = []
afterAll(async () => {
  for (const id of made) await call('PATCH', `/api/stages/${id}`, { token: manager, body: { active: false } })
})

async function addStage(name: string): Promise<number> {
  const res = await call('POST', '/api/stages', { token: manager, body: { name, kind: 'open', probability: 40 } })
  expect(res.status).toBe(201)
  made.push(res.body.id)
  return res.body.id
}

const stageNames = async (page: Page) => page.getByTestId('stages-table').getByTestId('stage-name').allInnerTexts()

async function openSettings(page: Page) {
  await signIn(page, 'manager@demo.test')
  await page.getByTestId('nav-admin').getByRole('link', { name: 'Pengaturan', exact: true }).click()
  await page.waitForURL(u => u.pathname === '/settings')
  await expect.poll(() => pageTitle(page).textContent()).toBe('Pengaturan')
  await page.getByTestId('stages-table').getByTestId('stage-name').first().waitFor()
}

describe('settings as Manager', () => {
  it('renames a stage in the modal and shows the new name', async () => {
    const old = `Survei ${tag()}`
    await addStage(old)
    const page = await newPage()
    await openSettings(page)
    expect(await stageNames(page)).toContain(old)

    await page.getByRole('button', { name: `Ubah ${old}`, exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Ubah tahap' })
    await dialog.waitFor()
    const renamed = `Kunjungan Rumah ${tag()}`
    await dialog.getByLabel('Nama tahap', { exact: true }).fill(renamed)
    await dialog.getByRole('button', { name: 'Simpan' }).click()
    await page.getByText('Tahap diperbarui', { exact: true }).waitFor()
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => stageNames(page)).toContain(renamed)
    expect(await stageNames(page)).not.toContain(old)
  })

  it('moves a stage down and keeps the new order after a reload', async () => {
    const first = `Tahap A ${tag()}`
    const second = `Tahap B ${tag()}`
    await addStage(first)
    await addStage(second)
    const before = (await call('GET', '/api/stages?active=true', { token: manager })).body.map((s: any) => s.id)
    const page = await newPage()
    await openSettings(page)
    const names = await stageNames(page)
    expect(names.indexOf(second)).toBe(names.indexOf(first) + 1)

    await page.getByRole('button', { name: `Turunkan ${first}`, exact: true }).click()
    await page.getByText('Urutan tahap disimpan', { exact: true }).waitFor()
    await expect.poll(async () => (await stageNames(page)).indexOf(first)).toBe(names.indexOf(first) + 1)
    expect((await stageNames(page)).indexOf(second)).toBe(names.indexOf(first))

    await page.reload()
    await page.getByTestId('stages-table').getByTestId('stage-name').first().waitFor()
    const after = await stageNames(page)
    expect(after.indexOf(second)).toBe(after.indexOf(first) - 1)

    expect((await call('POST', '/api/stages/reorder', { token: manager, body: { ids: before } })).status).toBe(200)
  })

  it('adds an alias to a channel', async () => {
    const page = await newPage()
    await openSettings(page)
    await page.getByRole('link', { name: 'Channel & UTM' }).click()
    await page.waitForURL(u => u.pathname === '/settings/channels')
    const aliases = page.getByTestId('aliases-tiktok_ads').filter({ visible: true })
    await aliases.waitFor()

    const raw = `TikTok_Shop ${tag()}`
    await aliases.getByRole('button', { name: 'Tambah alias untuk TikTok Ads' }).click()
    const form = page.getByTestId('alias-form')
    await form.waitFor()
    await form.getByLabel('Nilai', { exact: true }).fill(raw)
    const stored = raw.toLowerCase().replace('_', ' ')
    await form.getByText(`Disimpan sebagai: ${stored}`).waitFor()
    await form.getByRole('button', { name: 'Tambah alias' }).click()
    await page.getByText('Alias ditambahkan', { exact: true }).waitFor()
    await aliases.getByTestId('alias').filter({ hasText: stored }).waitFor()

    const tiktok = await channelId('tiktok_ads')
    const saved = (await call('GET', '/api/channels/aliases', { token: manager })).body
    expect(saved).toContainEqual(expect.objectContaining({ channelId: tiktok, field: 'source', value: stored }))
  })

  it('maps an unmapped UTM value with one choice and moves the past leads', async () => {
    const raw = `Koran-Lokal-${tag()}`
    const value = raw.toLowerCase().replace(/-/g, ' ')
    const other = await channelId('other')
    const ids = [
      await insertLead({ channelId: other, utmSource: raw }),
      await insertLead({ channelId: other, utmSource: raw.toUpperCase() }),
      await insertLead({ channelId: other, utmSource: raw, utmMedium: 'cetak' }),
    ]
    const page = await newPage()
    await openSettings(page)
    await visit(page, '/settings/channels')
    const row = page.getByTestId('unmapped-table').getByRole('row').filter({ hasText: value })
    await row.waitFor()
    expect(await row.innerText()).toContain('3')

    await row.getByRole('button', { name: `Petakan ${value} ke channel` }).filter({ visible: true }).click()
    await page.getByRole('option', { name: 'Event Sekolah', exact: true }).click()
    await page.getByText(`${value} dipetakan ke Event Sekolah; 3 prospek lama dipindahkan.`, { exact: true }).waitFor()
    await row.waitFor({ state: 'detached' })
    await page.getByTestId('aliases-school_event').filter({ visible: true }).getByTestId('alias').filter({ hasText: value }).waitFor()

    const school = await channelId('school_event')
    const moved = await db.select({ channelId: leads.channelId, utmSource: leads.utmSource }).from(leads).where(inArray(leads.id, ids))
    expect(moved.map(l => l.channelId)).toEqual([school, school, school])
    expect(moved.map(l => l.utmSource).sort()).toEqual([raw, raw, raw.toUpperCase()].sort())
  })
})

describe('settings for other roles', () => {
  it('answers Admin with the 403 page on every settings tab, with no sidebar entry', async () => {
    const page = await newPage()
    await signIn(page, 'admin@demo.test')
    expect(await page.getByTestId('nav-admin').getByRole('link', { name: 'Pengaturan' }).count()).toBe(0)
    for (const path of ['/settings', '/settings/channels']) {
      expect((await page.goto(path))?.status(), path).toBe(403)
      await page.getByTestId('error-page').waitFor()
      expect(await page.getByTestId('stages-table').count()).toBe(0)
    }
  })
})

describe('settings on a phone', () => {
  it('keeps every stage action on screen', async () => {
    const page = await newPage(PHONE)
    await signIn(page, 'manager@demo.test')
    await visit(page, '/settings')
    expect(pathOf(page)).toBe('/settings')
    const last = page.getByRole('button', { name: /^Nonaktifkan / }).first()
    await last.waitFor()
    const box = (await last.boundingBox())!
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
  })
})

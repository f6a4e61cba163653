import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { leadStageHistory } from '../../server/db/schema'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { close, launch, newPage, PHONE, signIn, visit } from './browser'
import { cell, chartDrawn, firstColumn, fitsPhone, pick } from './report-support'

/** The conversion page over May 2041, a month no other browser test writes to. */
const { db, pool } = testDb()
const { stageId, channelId, insertLead } = catalogHelpers(db)
const at = (wib: string) => new Date(`${wib}+07:00`)
const DAY = 86_400_000

beforeAll(async () => {
  await launch()
  const tiktok = await channelId('tiktok_ads')
  const referral = await channelId('referral')
  const stage = { prospect: await stageId('prospect'), won: await stageId('won'), lost: await stageId('lost') }
  async function lead(created: string, channel: number, now: keyof typeof stage, days = 0) {
    const createdAt = at(created)
    const id = await insertLead({ studentName: `Konversi ${created}`, createdAt, channelId: channel, stageId: stage[now] })
    await db.insert(leadStageHistory).values([
      { leadId: id, toStageId: stage.prospect, changedAt: createdAt },
      ...(now === 'prospect' ? [] : [{ leadId: id, fromStageId: stage.prospect, toStageId: stage[now], changedAt: new Date(createdAt.getTime() + days * DAY) }]),
    ])
  }
  await lead('2041-05-31T23:30:00', tiktok, 'won', 2)
  await lead('2041-05-02T09:00:00', tiktok, 'won', 6)
  await lead('2041-05-03T09:00:00', tiktok, 'lost', 1)
  await lead('2041-05-04T09:00:00', tiktok, 'prospect')
  await lead('2041-05-05T09:00:00', referral, 'won', 3)
  await lead('2041-06-01T00:10:00', referral, 'lost', 1)
})
afterAll(async () => {
  await close()
  await pool.end()
})

describe('the conversion report', () => {
  it('shows conversion per channel and source type, filters by source type in the URL, and keeps it on reload', async () => {
    const page = await newPage()
    await signIn(page, 'owner@demo.test')
    await visit(page, '/reports/conversion?from=2041-05&to=2041-05')
    await page.getByTestId('conversion-table-channels').waitFor()
    expect(await firstColumn(page, 'conversion-table-channels')).toEqual(['TikTok Ads', 'Referral', 'Total'])
    expect(await cell(page, 'conversion-table-channels', 'TikTok Ads', 'conversion')).toBe('50%')
    expect(await cell(page, 'conversion-table-channels', 'TikTok Ads', 'closeRate')).toBe('66,7%')
    expect(await cell(page, 'conversion-table-channels', 'TikTok Ads', 'medianDays')).toBe('4 hr')
    expect(await cell(page, 'conversion-table-channels', 'Total', 'conversion')).toBe('60%')
    expect(await firstColumn(page, 'conversion-table-sources')).toEqual(['Iklan', 'Referral', 'Total'])
    expect(await page.getByTestId('conversion-total-medianDays').innerText()).toContain('3 hr')
    await chartDrawn(page, 'chart-conversion')

    await pick(page, 'filter-source-type', 'Referral')
    await page.waitForURL(u => u.searchParams.get('sourceType') === 'referral')
    await expect.poll(() => firstColumn(page, 'conversion-table-channels')).toEqual(['Referral', 'Total'])
    expect(await cell(page, 'conversion-table-channels', 'Total', 'conversion')).toBe('100%')

    await page.reload()
    await page.getByTestId('conversion-table-channels').waitFor()
    expect(await firstColumn(page, 'conversion-table-channels')).toEqual(['Referral', 'Total'])
    expect(await cell(page, 'conversion-table-channels', 'Referral', 'medianDays')).toBe('3 hr')
  })

  it('fits a phone', async () => {
    const page = await newPage(PHONE)
    await signIn(page, 'owner@demo.test')
    await visit(page, '/reports/conversion?from=2041-05&to=2041-05')
    await page.getByTestId('conversion-table-channels').waitFor()
    await chartDrawn(page, 'chart-conversion')
    await fitsPhone(page)
  })
})

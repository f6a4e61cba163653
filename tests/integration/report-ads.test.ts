import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adSpend, enrollments } from '../../server/db/schema'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { call, login } from '../support/http'
import { reportFixtures } from '../support/reports'

/**
 * The ads report over a small dataset of its own in January–March 2042 (no other test file writes ad spend,
 * leads or enrolments in 2042). Every figure is asserted exactly.
 */
const { db, pool } = testDb()
afterAll(() => pool.end())
const { channelId } = catalogHelpers(db)

const token: Record<string, string> = {}
const ch: Record<string, number> = {}
const at = (wib: string) => new Date(`${wib}+07:00`)
const PERIOD = 'from=2042-01&to=2042-03'
const get = (who: string, query = PERIOD) => call('GET', `/api/reports/ads?${query}`, { token: token[who] })

beforeAll(async () => {
  for (const name of ['owner', 'manager', 'admin', 'sales']) token[name] = await login(`${name}@demo.test`)
  const fx = await reportFixtures(db, `ADS${Date.now()}`)
  for (const code of ['tiktok_ads', 'instagram_ads', 'meta_ads', 'referral', 'other']) ch[code] = await channelId(code)
  const { tiktok_ads: T, instagram_ads: I, meta_ads: M } = ch as Record<string, number>

  const spend = (day: string, channel: number, campaign: string, s: number, impressions: number, clicks: number, platformLeads: number) =>
    ({ day, channelId: channel, campaign, spend: s, impressions, clicks, platformLeads })
  await db.insert(adSpend).values([
    spend('2042-01-05', T!, 'Promo UTBK', 1_000_000, 50_000, 1_000, 40),
    spend('2042-01-31', T!, 'Promo UTBK', 500_000, 20_000, 500, 10),
    spend('2042-02-01', T!, 'Brand Awareness', 300_000, 30_000, 300, 0),
    spend('2042-02-10', I!, 'IG Story', 800_000, 40_000, 800, 20),
    spend('2042-03-15', M!, 'Promo UTBK', 600_000, 10_000, 0, 5),
    // Outside the period, and on a channel without a platform ('Lainnya': only `otherSpend`).
    spend('2041-12-31', T!, 'Promo UTBK', 999, 9, 9, 9),
    spend('2042-04-01', T!, 'Promo UTBK', 999, 9, 9, 9),
    spend('2042-02-02', ch.other!, 'Brosur', 250_000, 1_000, 10, 1),
  ])

  const lead = (name: string, channel: number, wib: string, utmCampaign: string | null, extra = {}) =>
    fx.lead(name, at(wib).toISOString(), 'sales', { channelId: channel, utmCampaign, ...extra })
  const L1 = await lead('Iklan Satu', T!, '2042-01-31T23:30:00', 'Promo UTBK') // January in Jakarta, though 16:30 UTC
  const L2 = await lead('Iklan Dua', T!, '2042-02-01T00:10:00', '  PROMO utbk') // February in Jakarta, still 31 January in UTC
  const L3 = await lead('Iklan Tiga', T!, '2042-01-10T09:00:00', null)
  await lead('Iklan Empat', T!, '2042-02-15T09:00:00', 'tiktok_organic_x')
  const L5 = await lead('Iklan Lima', I!, '2042-02-11T09:00:00', 'IG Story')
  await lead('Iklan Enam', I!, '2042-02-12T09:00:00', 'ig story', { deletedAt: new Date('2001-01-01T00:00:00Z') })
  const L7 = await lead('Iklan Tujuh', M!, '2042-03-20T09:00:00', 'Promo UTBK')
  const L8 = await lead('Iklan Delapan', ch.referral!, '2042-02-01T09:00:00', 'Promo UTBK')
  await lead('Iklan Sembilan', T!, '2041-12-31T23:59:00', 'Promo UTBK')
  await lead('Iklan Sepuluh', T!, '2042-04-01T00:00:00', 'Promo UTBK')

  const enrol = (leadId: number, channel: number, wib: string, amount: number, status: 'active' | 'cancelled' = 'active') =>
    ({ leadId, programId: fx.programId, channelId: channel, userId: fx.userIds.sales!, enrolledAt: at(wib), amount, status })
  await db.insert(enrollments).values([
    enrol(L1, T!, '2042-02-03T10:00:00', 4_000_000),
    enrol(L2, T!, '2042-02-28T23:30:00', 3_000_000), // February in Jakarta
    enrol(L2, T!, '2042-02-20T10:00:00', 9_000_000, 'cancelled'),
    enrol(L5, I!, '2042-03-01T00:10:00', 2_500_000), // March in Jakarta
    enrol(L3, T!, '2042-04-01T00:05:00', 1_000_000), // April
    enrol(L7, M!, '2042-03-25T10:00:00', 1_200_000),
    enrol(L8, ch.referral!, '2042-02-05T10:00:00', 5_000_000), // not an ads channel
  ])
})

const JAN = { impressions: 70_000, clicks: 1_500, ctr: 2.1, platformLeads: 50, leads: 2, closings: 0, spend: 1_500_000, cpc: 1_000, cpl: 750_000, costPerClosing: null, revenue: 0, roas: 0 }
const FEB = { impressions: 70_000, clicks: 1_100, ctr: 1.6, platformLeads: 20, leads: 3, closings: 2, spend: 1_100_000, cpc: 1_000, cpl: 366_667, costPerClosing: 550_000, revenue: 7_000_000, roas: 6.36 }
const MAR = { impressions: 10_000, clicks: 0, ctr: 0, platformLeads: 5, leads: 1, closings: 2, spend: 600_000, cpc: null, cpl: 600_000, costPerClosing: 300_000, revenue: 3_700_000, roas: 6.17 }
const TOTAL = { impressions: 150_000, clicks: 2_600, ctr: 1.7, platformLeads: 75, leads: 6, closings: 4, spend: 3_200_000, cpc: 1_231, cpl: 533_333, costPerClosing: 800_000, revenue: 10_700_000, roas: 3.34 }
const PER_PLATFORM = () => [
  { channelId: ch.tiktok_ads, impressions: 100_000, clicks: 1_800, ctr: 1.8, platformLeads: 50, leads: 4, closings: 2, spend: 1_800_000, cpc: 1_000, cpl: 450_000, costPerClosing: 900_000, revenue: 7_000_000, roas: 3.89 },
  { channelId: ch.instagram_ads, impressions: 40_000, clicks: 800, ctr: 2, platformLeads: 20, leads: 1, closings: 1, spend: 800_000, cpc: 1_000, cpl: 800_000, costPerClosing: 800_000, revenue: 2_500_000, roas: 3.13 },
  { channelId: ch.meta_ads, impressions: 10_000, clicks: 0, ctr: 0, platformLeads: 5, leads: 1, closings: 1, spend: 600_000, cpc: null, cpl: 600_000, costPerClosing: 600_000, revenue: 1_200_000, roas: 2 },
]
const MONEY = ['spend', 'cpc', 'cpl', 'costPerClosing', 'revenue', 'roas', 'otherSpend']
const withoutMoney = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([k]) => !MONEY.includes(k)))
/** Our three platforms' rows (other test files may add ads channels of their own, with nothing in 2042). */
const ours = (rows: { channelId: number }[]) => rows.filter(r => [ch.tiktok_ads, ch.instagram_ads, ch.meta_ads].includes(r.channelId))

describe('GET /api/reports/ads per month', () => {
  it('gives the Owner and Managers every figure, months in Jakarta time', async () => {
    for (const who of ['owner', 'manager']) {
      const res = await get(who)
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ report: 'ads', params: { from: '2042-01', to: '2042-03', by: 'month' }, scope: 'all', money: true })
      const d = res.body.data
      expect(d.by).toBe('month')
      expect(d.rows).toEqual([{ month: '2042-01', ...JAN }, { month: '2042-02', ...FEB }, { month: '2042-03', ...MAR }])
      expect(d.totals).toEqual(TOTAL)
      expect(ours(d.byPlatform)).toEqual(PER_PLATFORM())
      expect(d.otherSpend).toBe(250_000)
      expect(d.platforms).toEqual(expect.arrayContaining([
        { id: ch.tiktok_ads, name: 'TikTok Ads', platform: 'tiktok' },
        { id: ch.instagram_ads, name: 'Instagram Ads', platform: 'instagram' },
        { id: ch.meta_ads, name: 'Meta Ads', platform: 'meta' },
      ]))
    }
  })

  it('narrows to one platform', async () => {
    const res = await get('owner', `${PERIOD}&channelId=${ch.instagram_ads}`)
    expect(res.status).toBe(200)
    const d = res.body.data
    const none = { impressions: 0, clicks: 0, ctr: null, platformLeads: 0, leads: 0, closings: 0, spend: 0, cpc: null, cpl: null, costPerClosing: null, revenue: 0, roas: null }
    expect(d.rows).toEqual([
      { month: '2042-01', ...none },
      { month: '2042-02', impressions: 40_000, clicks: 800, ctr: 2, platformLeads: 20, leads: 1, closings: 0, spend: 800_000, cpc: 1_000, cpl: 800_000, costPerClosing: null, revenue: 0, roas: 0 },
      // An enrolment in a month without spend: it cost nothing, and there is no return on nothing.
      { month: '2042-03', impressions: 0, clicks: 0, ctr: null, platformLeads: 0, leads: 0, closings: 1, spend: 0, cpc: null, cpl: null, costPerClosing: 0, revenue: 2_500_000, roas: null },
    ])
    const { channelId: _, ...instagram } = PER_PLATFORM()[1]!
    expect(d.totals).toEqual(instagram)
    expect(d.byPlatform).toEqual([PER_PLATFORM()[1]])
    expect(d).not.toHaveProperty('otherSpend')
  })
})

describe('GET /api/reports/ads per campaign', () => {
  it('matches campaigns to the leads\' utm_campaign, lower-cased and trimmed, per platform', async () => {
    const res = await get('manager', `${PERIOD}&by=campaign`)
    expect(res.status).toBe(200)
    const d = res.body.data
    expect(d.by).toBe('campaign')
    const T = ch.tiktok_ads, I = ch.instagram_ads, M = ch.meta_ads
    expect(d.rows).toEqual([
      // Both TikTok leads carry the campaign however it is written, and so do their enrolments.
      { channelId: T, campaign: 'Promo UTBK', impressions: 70_000, clicks: 1_500, ctr: 2.1, platformLeads: 50, leads: 2, closings: 2, spend: 1_500_000, cpc: 1_000, cpl: 750_000, costPerClosing: 750_000, revenue: 7_000_000, roas: 4.67 },
      { channelId: T, campaign: 'Brand Awareness', impressions: 30_000, clicks: 300, ctr: 1, platformLeads: 0, leads: 0, closings: 0, spend: 300_000, cpc: 1_000, cpl: null, costPerClosing: null, revenue: 0, roas: 0 },
      // A campaign only the leads know (no spend recorded), then the leads without a campaign.
      { channelId: T, campaign: 'tiktok_organic_x', impressions: 0, clicks: 0, ctr: null, platformLeads: 0, leads: 1, closings: 0, spend: 0, cpc: null, cpl: 0, costPerClosing: null, revenue: 0, roas: null },
      { channelId: T, campaign: null, impressions: 0, clicks: 0, ctr: null, platformLeads: 0, leads: 1, closings: 0, spend: 0, cpc: null, cpl: 0, costPerClosing: null, revenue: 0, roas: null },
      { channelId: I, campaign: 'IG Story', impressions: 40_000, clicks: 800, ctr: 2, platformLeads: 20, leads: 1, closings: 1, spend: 800_000, cpc: 1_000, cpl: 800_000, costPerClosing: 800_000, revenue: 2_500_000, roas: 3.13 },
      { channelId: M, campaign: 'Promo UTBK', impressions: 10_000, clicks: 0, ctr: 0, platformLeads: 5, leads: 1, closings: 1, spend: 600_000, cpc: null, cpl: 600_000, costPerClosing: 600_000, revenue: 1_200_000, roas: 2 },
    ])
    // The same totals as per month: every lead and enrolment of the channels lands in some row.
    expect(d.totals).toEqual(TOTAL)
    expect(ours(d.byPlatform)).toEqual(PER_PLATFORM())
  })
})

describe('who sees what', () => {
  it('gives Admin the counts and rates, with no money field in the JSON at all', async () => {
    for (const by of ['month', 'campaign']) {
      const res = await get('admin', `${PERIOD}&by=${by}`)
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ scope: 'all', money: false })
      const keys = new Set<string>()
      JSON.stringify(res.body.data, (k, v) => (keys.add(k), v))
      for (const m of MONEY) expect(keys.has(m)).toBe(false)
      if (by === 'month') {
        expect(res.body.data.rows).toEqual([{ month: '2042-01', ...withoutMoney(JAN) }, { month: '2042-02', ...withoutMoney(FEB) }, { month: '2042-03', ...withoutMoney(MAR) }])
        expect(res.body.data.totals).toEqual(withoutMoney(TOTAL))
      }
    }
  })

  it('is not for Sales/CS (403, and no share link either), and needs a session', async () => {
    const res = await get('sales')
    expect(res.status).toBe(403)
    const share = await call('POST', '/api/share-links', { token: token.sales, body: { report: 'ads', params: { from: '2042-01' }, expiresInDays: 7 } })
    expect(share.status).toBe(403)
    expect((await call('GET', `/api/reports/ads?${PERIOD}`)).status).toBe(401)
  })
})

describe('bad filters', () => {
  it('answers 400 with the field in error', async () => {
    const cases: [string, string][] = [
      ['by=channel', 'by'],
      ['from=2042-13', 'from'],
      ['from=2042-03&to=2042-01', 'from'],
      ['from=2040-01&to=2042-12', 'to'],
      ['channelId=abc', 'channelId'],
      [`channelId=${ch.referral}`, 'channelId'], // not an ads platform
    ]
    for (const [query, field] of cases) {
      const res = await get('owner', query)
      expect(res.status, query).toBe(400)
      expect(res.body.data.fieldErrors[field], query).toBeDefined()
    }
  })
})

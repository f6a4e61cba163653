import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enrollments, leadStageHistory, programs, users } from '../../server/db/schema'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

/**
 * The conversion report over a cohort of its own: leads created August to November 2041 (the other report files
 * of 2041 keep to earlier months), with their stage histories and enrolments. Every figure is exact.
 */
const { db, pool } = testDb()
afterAll(() => pool.end())
const { stageId, channelId, insertLead } = catalogHelpers(db)

const at = (wib: string) => new Date(`${wib}+07:00`)
const DAY = 86_400_000
const token: Record<string, string> = {}
const id: Record<string, number> = {}
const program: Record<string, number> = {}
const channel: Record<string, number> = {}

beforeAll(async () => {
  for (const who of ['owner', 'manager', 'admin', 'sales']) token[who] = await login(`${who}@demo.test`)
  for (const u of await db.select().from(users)) id[u.email.split('@')[0]!] = u.id
  for (const p of await db.select().from(programs)) program[p.code] = p.id
  for (const code of ['tiktok_ads', 'instagram_ads', 'referral']) channel[code.replace('_ads', '')] = await channelId(code)
  const stage = { prospect: await stageId('prospect'), negotiation: await stageId('negotiation'), won: await stageId('won'), lost: await stageId('lost') }
  type Stage = keyof typeof stage

  /** A lead and its stage history: [stage, days after creation] for each move; the last move is where it is now unless `now` says. */
  async function lead(name: string, created: string, f: { channel: string | null, user: string, program?: string, path: [Stage, number][], now?: Stage, deleted?: boolean }) {
    const createdAt = at(created)
    id[name] = await insertLead({
      studentName: `Konversi ${name}`, createdAt, updatedAt: createdAt, channelId: f.channel ? channel[f.channel]! : null,
      assignedTo: id[f.user]!, programId: f.program ? program[f.program]! : null, stageId: stage[f.now ?? f.path.at(-1)![0]],
      deletedAt: f.deleted ? at('2041-12-01T00:00:00') : null,
    })
    await db.insert(leadStageHistory).values(f.path.map(([s, days], i) => ({
      leadId: id[name]!, fromStageId: i ? stage[f.path[i - 1]![0]] : null, toStageId: stage[s], changedAt: new Date(createdAt.getTime() + days * DAY),
    })))
  }
  const p: [Stage, number] = ['prospect', 0]
  // C1 at 23:30 WIB on 31 August is August; C5 at 00:10 WIB on 1 September is September.
  await lead('C1', '2041-08-31T23:30:00', { channel: 'tiktok', user: 'sales', program: 'SMA-REG', path: [p, ['won', 2]] })
  await lead('C2', '2041-08-05T09:00:00', { channel: 'tiktok', user: 'admin', program: 'SMA-REG', path: [p, ['negotiation', 4], ['won', 10]] })
  await lead('C3', '2041-08-06T09:00:00', { channel: 'tiktok', user: 'sales', program: 'UTBK-INT', path: [p, ['lost', 3]] })
  await lead('C4', '2041-08-07T09:00:00', { channel: 'tiktok', user: 'sales', path: [p, ['negotiation', 1]] })
  await lead('C5', '2041-09-01T00:10:00', { channel: 'referral', user: 'admin', path: [p, ['won', 5]] })
  // Won, taken back to negotiation, won again: the time to close runs to the last win (4 days).
  await lead('C6', '2041-09-10T09:00:00', { channel: 'referral', user: 'sales', path: [p, ['won', 1], ['negotiation', 2], ['won', 4]] })
  await lead('C7', '2041-09-11T09:00:00', { channel: 'instagram', user: 'sales', path: [p, ['lost', 6]] })
  // Won without a move into a won stage in its history (e.g. imported as won): counted won, no time to close.
  await lead('C8', '2041-09-12T09:00:00', { channel: null, user: 'sales', path: [p], now: 'won' })
  await lead('C9', '2041-08-20T09:00:00', { channel: 'tiktok', user: 'sales', path: [p, ['won', 1]], deleted: true })
  await lead('C10', '2041-08-21T09:00:00', { channel: 'referral', user: 'admin', path: [p] })
  await lead('C12', '2041-10-03T09:00:00', { channel: 'tiktok', user: 'sales', path: [p, ['won', 3.5]] })

  const enrol = (name: string, amount: number, wib: string, status: 'active' | 'cancelled' = 'active') =>
    ({ leadId: id[name]!, programId: program['SMA-REG']!, amount, enrolledAt: at(wib), status, userId: id.sales!, channelId: null })
  await db.insert(enrollments).values([
    enrol('C1', 4_800_000, '2041-09-02T23:30:00'),
    enrol('C1', 1_000_000, '2041-09-03T09:00:00', 'cancelled'),
    enrol('C2', 7_500_000, '2041-08-15T09:00:00'),
    // Enrolled after the period: still the revenue of this cohort.
    enrol('C5', 3_000_000, '2041-12-01T09:00:00'),
    enrol('C6', 2_400_000, '2041-09-14T09:00:00'),
    enrol('C8', 1_000_000, '2041-09-12T09:00:00'),
    enrol('C9', 9_000_000, '2041-08-21T09:00:00'),
    // An enrolment of a lead that is not won (lost after paying): not the revenue of a won lead.
    enrol('C3', 500_000, '2041-08-07T09:00:00'),
  ])
})

const get = (who: string, query: string) => call('GET', `/api/reports/conversion?${query}`, { token: token[who] })
const PERIOD = 'from=2041-08&to=2041-11'
/** [label, leads, won, lost, open, conversion, closeRate, medianDays, revenue] */
const table = (rows: any[]) => rows.map(r => [r.kind === 'none' ? 'none' : r.label, r.leads, r.won, r.lost, r.open, r.conversion, r.closeRate, r.medianDays, r.revenue])
const totals = (t: any) => [t.leads, t.won, t.lost, t.open, t.conversion, t.closeRate, t.medianDays, t.revenue]

describe('GET /api/reports/conversion', () => {
  it('gives the Owner and Managers the cohort per channel and per source type', async () => {
    for (const who of ['owner', 'manager']) {
      const res = await get(who, PERIOD)
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ report: 'conversion', params: { from: '2041-08', to: '2041-11' }, scope: 'all', money: true })
      const d = res.body.data
      expect(table(d.channels)).toEqual([
        // Durations 2, 10 and 3.5 days: the median is 3.5.
        ['TikTok Ads', 5, 3, 1, 1, 60, 75, 3.5, 12_300_000],
        ['Referral', 3, 2, 0, 1, 66.7, 100, 4.5, 5_400_000],
        ['Instagram Ads', 1, 0, 1, 0, 0, 0, null, 0],
        ['none', 1, 1, 0, 0, 100, 100, null, 1_000_000],
      ])
      expect(d.channels[0]).toMatchObject({ key: `channel:${channel.tiktok}`, kind: 'item', sourceType: 'ads' })
      expect(table(d.sourceTypes)).toEqual([
        ['ads', 6, 3, 2, 1, 50, 60, 3.5, 12_300_000],
        ['referral', 3, 2, 0, 1, 66.7, 100, 4.5, 5_400_000],
        ['none', 1, 1, 0, 0, 100, 100, null, 1_000_000],
      ])
      // Durations 2, 3.5, 4, 5, 10: the median is 4.
      expect(totals(d.totals)).toEqual([10, 6, 2, 2, 60, 75, 4, 18_700_000])
    }
  })

  it('takes the cohort by Jakarta month of creation', async () => {
    const aug = (await get('owner', 'from=2041-08&to=2041-08')).body.data
    expect(totals(aug.totals)).toEqual([5, 2, 1, 2, 40, 66.7, 6, 12_300_000]) // C1 (31 Aug 23:30 WIB), C2, C3, C4, C10
    const sep = (await get('owner', 'from=2041-09&to=2041-09')).body.data
    expect(totals(sep.totals)).toEqual([4, 3, 1, 0, 75, 75, 4.5, 6_400_000]) // C5 (1 Sept 00:10 WIB), C6, C7, C8
  })

  it('narrows by channel, source type, program and person', async () => {
    const referral = (await get('owner', `${PERIOD}&channelId=${channel.referral}`)).body.data
    expect(table(referral.channels)).toEqual([['Referral', 3, 2, 0, 1, 66.7, 100, 4.5, 5_400_000]])
    expect(totals(referral.totals)).toEqual([3, 2, 0, 1, 66.7, 100, 4.5, 5_400_000])

    const ads = (await get('owner', `${PERIOD}&sourceType=ads`)).body.data
    expect(table(ads.channels).map(r => r[0])).toEqual(['TikTok Ads', 'Instagram Ads'])
    expect(totals(ads.totals)).toEqual([6, 3, 2, 1, 50, 60, 3.5, 12_300_000])

    const sma = (await get('owner', `${PERIOD}&programId=${program['SMA-REG']}`)).body.data
    expect(totals(sma.totals)).toEqual([2, 2, 0, 0, 100, 100, 6, 12_300_000])

    const dewi = (await get('manager', `${PERIOD}&userId=${id.admin}`)).body.data
    expect(table(dewi.channels)).toEqual([
      ['Referral', 2, 1, 0, 1, 50, 100, 5, 3_000_000],
      ['TikTok Ads', 1, 1, 0, 0, 100, 100, 10, 7_500_000],
    ])
    expect(totals(dewi.totals)).toEqual([3, 2, 0, 1, 66.7, 100, 7.5, 10_500_000])
  })

  it('shows a Sales/CS user the leads assigned to them', async () => {
    const res = await get('sales', PERIOD)
    expect(res.body).toMatchObject({ scope: 'own', money: true })
    expect(table(res.body.data.channels)).toEqual([
      // Durations 2 and 3.5 days: 2.75, shown to one decimal.
      ['TikTok Ads', 4, 2, 1, 1, 50, 66.7, 2.8, 4_800_000],
      ['Referral', 1, 1, 0, 0, 100, 100, 4, 2_400_000],
      ['Instagram Ads', 1, 0, 1, 0, 0, 0, null, 0],
      ['none', 1, 1, 0, 0, 100, 100, null, 1_000_000],
    ])
    expect(totals(res.body.data.totals)).toEqual([7, 4, 2, 1, 57.1, 66.7, 3.5, 8_200_000])
  })

  it('leaves revenue out of the answer for Admin', async () => {
    const res = await get('admin', PERIOD)
    expect(res.body).toMatchObject({ scope: 'all', money: false })
    expect(totals(res.body.data.totals)).toEqual([10, 6, 2, 2, 60, 75, 4, undefined])
    expect(JSON.stringify(res.body)).not.toMatch(/revenue|amount/i)
  })

  it('answers 400 with field errors for bad filters, and 401 without a session', async () => {
    const bad = await get('owner', 'from=2041-08&to=bulan&userId=0&sourceType=tv')
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.data.fieldErrors).sort()).toEqual(['sourceType', 'to', 'userId'])
    expect((await call('GET', `/api/reports/conversion?${PERIOD}`)).status).toBe(401)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { programs, targets, users } from '../../server/db/schema'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

/**
 * The leads report over a dataset of its own: April to July 2041 (the other report files of 2041 keep to other
 * months). Schools and grades typed in different ways; every figure is exact.
 */
const { db, pool } = testDb()
afterAll(() => pool.end())
const { stageId, channelId, insertLead } = catalogHelpers(db)

const at = (wib: string) => new Date(`${wib}+07:00`)
const token: Record<string, string> = {}
const id: Record<string, number> = {}
const program: Record<string, number> = {}
const channel: Record<string, number> = {}

beforeAll(async () => {
  for (const who of ['owner', 'manager', 'admin', 'sales']) token[who] = await login(`${who}@demo.test`)
  for (const u of await db.select().from(users)) id[u.email.split('@')[0]!] = u.id
  for (const p of await db.select().from(programs)) program[p.code] = p.id
  for (const code of ['tiktok_ads', 'instagram_ads', 'meta_ads', 'referral']) channel[code.replace('_ads', '')] = await channelId(code)
  const stage = { prospect: await stageId('prospect'), won: await stageId('won'), lost: await stageId('lost') }

  type Fields = { channel: string | null, user: string | null, school: string | null, grade: string | null, stage: keyof typeof stage, program: string | null, deleted?: boolean }
  const lead = (created: string, f: Fields) => insertLead({
    studentName: `Prospek ${created}`, createdAt: at(created), updatedAt: at(created),
    channelId: f.channel ? channel[f.channel]! : null, assignedTo: f.user ? id[f.user]! : null, school: f.school, grade: f.grade,
    stageId: stage[f.stage], programId: f.program ? program[f.program]! : null, deletedAt: f.deleted ? at('2041-06-01T00:00:00') : null,
  })
  // April. A1 at 23:30 WIB on the 30th is April; A6 at 00:10 WIB on 1 May (17:10 UTC on 30 April) is May.
  await lead('2041-04-30T23:30:00', { channel: 'tiktok', user: 'sales', school: 'SMAN 1 Bandung', grade: 'SMA 12', stage: 'won', program: 'SMA-REG' }) // A1
  await lead('2041-04-10T09:00:00', { channel: 'tiktok', user: 'admin', school: 'sman 1 bandung ', grade: 'sma 12', stage: 'prospect', program: 'SMA-REG' }) // A2
  await lead('2041-04-11T09:00:00', { channel: 'referral', user: 'sales', school: ' SMAN 1 BANDUNG', grade: 'SMA 11', stage: 'lost', program: 'UTBK-INT' }) // A3
  await lead('2041-04-12T09:00:00', { channel: 'instagram', user: null, school: null, grade: null, stage: 'prospect', program: null }) // A4
  await lead('2041-04-13T09:00:00', { channel: null, user: 'sales', school: '', grade: 'SMA 12', stage: 'won', program: 'SMA-REG' }) // A5
  // May
  await lead('2041-05-01T00:10:00', { channel: 'tiktok', user: 'admin', school: 'SMAN 1 Bandung', grade: 'SMA 12', stage: 'prospect', program: 'UTBK-INT' }) // A6
  await lead('2041-05-20T09:00:00', { channel: 'referral', user: 'admin', school: 'SMP Negeri 5 Bandung', grade: 'SMP 9', stage: 'won', program: 'SMP-REG' }) // A7
  await lead('2041-05-21T09:00:00', { channel: 'tiktok', user: 'sales', school: 'SMAN 3 Bandung', grade: 'SMA 10', stage: 'prospect', program: 'SMA-REG' }) // A8
  await lead('2041-05-22T09:00:00', { channel: 'tiktok', user: 'sales', school: 'sman 3 bandung', grade: 'SMA 10', stage: 'prospect', program: 'SMA-REG' }) // A9
  // June
  await lead('2041-06-05T09:00:00', { channel: 'instagram', user: 'sales', school: 'SMAN 3 Bandung', grade: 'SMA 10', stage: 'won', program: 'SMA-REG' }) // A10
  // In the trash: never counted.
  await lead('2041-04-03T09:00:00', { channel: 'tiktok', user: 'sales', school: 'SMAN 1 Bandung', grade: 'SMA 12', stage: 'won', program: 'SMA-REG', deleted: true })

  const target = (month: string, scope: 'overall' | 'channel' | 'user', scopeId: number, leads: number) => ({ month, scope, scopeId, leads, students: 0, revenue: 0 })
  await db.insert(targets).values([
    target('2041-04', 'channel', channel.tiktok!, 4),
    target('2041-05', 'channel', channel.tiktok!, 2),
    target('2041-06', 'channel', channel.referral!, 3),
    target('2041-05', 'channel', channel.meta!, 5),
    target('2041-04', 'user', id.sales!, 5),
    target('2041-04', 'overall', 0, 10),
    target('2041-05', 'overall', 0, 8),
  ])
})

const get = (who: string, query: string) => call('GET', `/api/reports/leads?${query}`, { token: token[who] })
const PERIOD = 'from=2041-04&to=2041-07'
/** A row as [label, leads, share, won, conversion, target, pct]. */
const table = (rows: any[]) => rows.map(r => [r.kind === 'item' ? r.label : r.kind, r.leads, r.share, r.won, r.conversion, r.target, r.pct])

describe('GET /api/reports/leads', () => {
  it('groups by channel with the channel targets, the overall target in the totals, and the months', async () => {
    for (const who of ['owner', 'manager', 'admin']) {
      const res = await get(who, PERIOD)
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ report: 'leads', params: { from: '2041-04', to: '2041-07', by: 'channel' }, scope: 'all' })
      const d = res.body.data
      expect(d).toMatchObject({ by: 'channel', months: ['2041-04', '2041-05', '2041-06', '2041-07'], targets: true })
      expect(table(d.rows)).toEqual([
        // TikTok: 6 targeted (4 + 2), 5 real in April and May → 83.3 %.
        ['TikTok Ads', 5, 50, 1, 20, 6, 83.3],
        ['Instagram Ads', 2, 20, 1, 50, null, null],
        // Referral's target is June's, and it had no lead in June.
        ['Referral', 2, 20, 1, 50, 3, 0],
        ['none', 1, 10, 1, 100, null, null],
        // Meta Ads had a target and no lead: listed at 0.
        ['Meta Ads', 0, 0, 0, null, 5, 0],
      ])
      expect(d.rows[0]).toMatchObject({ key: `channel:${channel.tiktok}`, kind: 'item' })
      expect(d.totals).toEqual({ leads: 10, share: 100, won: 4, conversion: 40, target: 18, pct: 50 })
      expect(d.trend).toEqual([
        { key: `channel:${channel.tiktok}`, kind: 'item', label: 'TikTok Ads', counts: [2, 3, 0, 0] },
        { key: `channel:${channel.instagram}`, kind: 'item', label: 'Instagram Ads', counts: [1, 0, 1, 0] },
        { key: `channel:${channel.referral}`, kind: 'item', label: 'Referral', counts: [1, 1, 0, 0] },
        { key: 'none', kind: 'none', label: null, counts: [1, 0, 0, 0] },
      ])
      expect(JSON.stringify(res.body)).not.toMatch(/revenue|amount/i)
    }
  })

  it('counts a lead at 23:30 WIB on the last day in that month and one at 00:10 WIB on the 1st in the next', async () => {
    const may = (await get('owner', 'from=2041-05&to=2041-05')).body.data
    expect(table(may.rows)).toEqual([
      ['TikTok Ads', 3, 75, 0, 0, 2, 150],
      ['Referral', 1, 25, 1, 100, null, null],
      ['Meta Ads', 0, 0, 0, null, 5, 0],
    ])
    expect(may.totals).toEqual({ leads: 4, share: 100, won: 1, conversion: 25, target: 8, pct: 50 })
    const april = (await get('owner', 'from=2041-04&to=2041-04')).body.data
    expect(april.totals).toMatchObject({ leads: 5, won: 2, target: 10, pct: 50 })
  })

  it('groups by source type', async () => {
    const d = (await get('owner', `${PERIOD}&by=sourceType`)).body.data
    expect(d.targets).toBe(false)
    expect(table(d.rows)).toEqual([
      ['ads', 7, 70, 2, 28.6, null, null],
      ['referral', 2, 20, 1, 50, null, null],
      ['none', 1, 10, 1, 100, null, null],
    ])
    expect(d.totals).toEqual({ leads: 10, share: 100, won: 4, conversion: 40, target: 18, pct: 50 })
  })

  it('groups schools however they were typed, shows the most common spelling, and folds single-lead schools into others', async () => {
    const d = (await get('owner', `${PERIOD}&by=school`)).body.data
    expect(table(d.rows)).toEqual([
      ['SMAN 1 Bandung', 4, 40, 1, 25, null, null],
      ['SMAN 3 Bandung', 3, 30, 1, 33.3, null, null],
      ['none', 2, 20, 1, 50, null, null],
      ['others', 1, 10, 1, 100, null, null],
    ])
    expect(d.rows[3]).toMatchObject({ key: 'others', groups: 1 })
    expect(d.rows[0].key).toBe('school:sman 1 bandung')
    expect(d.totals).toMatchObject({ leads: 10, won: 4 })
    // The single lead's school is nowhere in the answer (a shared link shows this very answer).
    expect(JSON.stringify(d)).not.toMatch(/SMP Negeri 5/i)
    expect(d.trend).toEqual([
      { key: 'school:sman 1 bandung', kind: 'item', label: 'SMAN 1 Bandung', counts: [3, 1, 0, 0] },
      { key: 'school:sman 3 bandung', kind: 'item', label: 'SMAN 3 Bandung', counts: [0, 2, 1, 0] },
      { key: 'none', kind: 'none', label: null, counts: [2, 0, 0, 0] },
      { key: 'others', kind: 'others', label: null, counts: [0, 1, 0, 0] },
    ])
  })

  it('groups grades the same way, listing single-lead grades', async () => {
    const d = (await get('manager', `${PERIOD}&by=grade`)).body.data
    expect(table(d.rows)).toEqual([
      ['SMA 12', 4, 40, 2, 50, null, null],
      ['SMA 10', 3, 30, 1, 33.3, null, null],
      ['SMP 9', 1, 10, 1, 100, null, null],
      ['SMA 11', 1, 10, 0, 0, null, null],
      ['none', 1, 10, 0, 0, null, null],
    ])
  })

  it('groups schools and grades of a narrower cohort from the leads (person, channel, program) as the facts do', async () => {
    // A Sales/CS user's own leads: schools from the leads (their person's index), grades from the facts per person.
    const school = (await get('sales', `${PERIOD}&by=school`)).body.data
    expect(table(school.rows)).toEqual([
      ['SMAN 3 Bandung', 3, 50, 1, 33.3, null, null],
      // A tie between two spellings shows the first in binary order, trimmed.
      ['SMAN 1 BANDUNG', 2, 33.3, 1, 50, null, null],
      ['none', 1, 16.7, 1, 100, null, null],
    ])
    const grade = (await get('sales', `${PERIOD}&by=grade`)).body.data
    expect(table(grade.rows)).toEqual([
      ['SMA 10', 3, 50, 1, 33.3, null, null],
      ['SMA 12', 2, 33.3, 2, 100, null, null],
      ['SMA 11', 1, 16.7, 0, 0, null, null],
    ])
    const tiktok = (await get('owner', `${PERIOD}&by=school&channelId=${channel.tiktok}`)).body.data
    expect(table(tiktok.rows)).toEqual([
      ['SMAN 1 Bandung', 3, 60, 1, 33.3, null, null],
      ['SMAN 3 Bandung', 2, 40, 0, 0, null, null],
    ])
    const sma = (await get('owner', `${PERIOD}&by=school&programId=${program['SMA-REG']}`)).body.data
    expect(table(sma.rows)).toEqual([
      ['SMAN 3 Bandung', 3, 50, 1, 33.3, null, null],
      ['SMAN 1 Bandung', 2, 33.3, 1, 50, null, null],
      ['none', 1, 16.7, 1, 100, null, null],
    ])
  })

  it('groups by admin with the user targets', async () => {
    const d = (await get('owner', `${PERIOD}&by=admin`)).body.data
    expect(table(d.rows)).toEqual([
      ['Budi Sales', 6, 60, 3, 50, 5, 60],
      ['Dewi Admin', 3, 30, 1, 33.3, null, null],
      ['none', 1, 10, 0, 0, null, null],
    ])
    const dewi = (await get('owner', `${PERIOD}&by=admin&userId=${id.admin}`)).body.data
    expect(table(dewi.rows)).toEqual([['Dewi Admin', 3, 100, 1, 33.3, null, null]])
    expect(dewi.totals).toEqual({ leads: 3, share: 100, won: 1, conversion: 33.3, target: null, pct: null })
  })

  it('narrows by program, source type and channel; targets only where the filters leave them whole', async () => {
    const sma = (await get('owner', `${PERIOD}&programId=${program['SMA-REG']}`)).body.data
    expect(table(sma.rows)).toEqual([
      ['TikTok Ads', 4, 66.7, 1, 25, null, null],
      ['Instagram Ads', 1, 16.7, 1, 100, null, null],
      ['none', 1, 16.7, 1, 100, null, null],
    ])
    expect(sma.totals).toEqual({ leads: 6, share: 100, won: 3, conversion: 50, target: null, pct: null })

    const ads = (await get('owner', `${PERIOD}&sourceType=ads`)).body.data
    expect(table(ads.rows)).toEqual([
      ['TikTok Ads', 5, 71.4, 1, 20, 6, 83.3],
      ['Instagram Ads', 2, 28.6, 1, 50, null, null],
      ['Meta Ads', 0, 0, 0, null, 5, 0],
    ])
    expect(ads.totals).toMatchObject({ leads: 7, target: null, pct: null })

    const tiktok = (await get('owner', `${PERIOD}&channelId=${channel.tiktok}&by=grade`)).body.data
    expect(tiktok.totals).toEqual({ leads: 5, share: 100, won: 1, conversion: 20, target: 6, pct: 83.3 })
  })

  it('shows a Sales/CS user their own leads, with their own target', async () => {
    const res = await get('sales', `${PERIOD}&by=admin`)
    expect(res.body.scope).toBe('own')
    expect(table(res.body.data.rows)).toEqual([['Budi Sales', 6, 100, 3, 50, 5, 60]])
    expect(res.body.data.totals).toEqual({ leads: 6, share: 100, won: 3, conversion: 50, target: 5, pct: 60 })
    const byChannel = (await get('sales', PERIOD)).body.data
    expect(table(byChannel.rows)).toEqual([
      ['TikTok Ads', 3, 50, 1, 33.3, null, null],
      ['Instagram Ads', 1, 16.7, 1, 100, null, null],
      ['none', 1, 16.7, 1, 100, null, null],
      ['Referral', 1, 16.7, 0, 0, null, null],
    ])
    expect((await get('sales', `${PERIOD}&userId=${id.admin}`)).body.data.totals.leads).toBe(0)
  })

  it('answers 400 with field errors for bad filters, and 401 without a session', async () => {
    const bad = await get('owner', 'by=city&sourceType=tv&programId=x&from=2041-4')
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.data.fieldErrors).sort()).toEqual(['by', 'from', 'programId', 'sourceType'])
    expect((await call('GET', `/api/reports/leads?${PERIOD}`)).status).toBe(401)
  })
})

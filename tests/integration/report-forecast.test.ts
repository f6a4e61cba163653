import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { activities, channels } from '../../server/db/schema'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { call, login } from '../support/http'
import { reportFixtures } from '../support/reports'

/**
 * The pipeline forecast over a dataset of its own: a channel and a program no other test uses, people created
 * here, expected months in 2042-2043 (and one long past due). The other files' leads are outside the channel, so
 * every figure below is exact. Stage probabilities are the base ones: prospect 10, follow-up 25, interested 50,
 * negotiation 75.
 */
const { db, pool } = testDb()
afterAll(() => pool.end())
const { stageId, insertLead } = catalogHelpers(db)

const at = (wib: string) => new Date(`${wib}+07:00`)
const PASSWORD = 'rahasia-ramal-1'
const PERIOD = 'from=2043-01&to=2043-03'
let owner: string, manager: string, admin: string, fika: string
const id: Record<string, number> = {}
let channelId: number
let programId: number

async function makeUser(ownerToken: string, name: string, email: string, role: 'sales' | 'admin') {
  const res = await call('POST', '/api/users', { token: ownerToken, body: { name, email, role, password: PASSWORD } })
  expect(res.status).toBe(201)
  return res.body.id as number
}

beforeAll(async () => {
  ;[owner, manager, admin] = await Promise.all([login('owner@demo.test'), login('manager@demo.test'), login('admin@demo.test')])
  const tag = `F${Date.now()}`
  id.fika = await makeUser(owner, 'Fika Ramal', `fika.${tag}@demo.test`, 'sales')
  id.gita = await makeUser(owner, 'Gita Ramal', `gita.${tag}@demo.test`, 'sales')
  id.hadi = await makeUser(owner, 'Hadi Ramal', `hadi.${tag}@demo.test`, 'admin')
  fika = await login(`fika.${tag}@demo.test`, PASSWORD)
  programId = (await reportFixtures(db, tag)).programId
  ;[{ id: channelId }] = await db.insert(channels).values({ code: `rpt-${tag}`.toLowerCase(), name: `Kanal Ramal ${tag}`, sourceType: 'event', active: false }).$returningId() as [{ id: number }]

  const stage = Object.fromEntries(await Promise.all(['prospect', 'follow_up', 'interested', 'negotiation', 'won', 'lost'].map(async c => [c, await stageId(c)])))
  async function lead(name: string, f: { who: number | null, stage: string, value: number, closeOn?: string, followUp?: string, program?: number | null, deleted?: boolean }) {
    id[name] = await insertLead({
      studentName: `Ramal ${name}`, channelId, programId: f.program === undefined ? programId : f.program, assignedTo: f.who, stageId: stage[f.stage],
      expectedValue: f.value, expectedCloseOn: f.closeOn ?? null, nextFollowUpAt: f.followUp ? at(f.followUp) : null,
      createdAt: at('2042-11-10T09:00:00'), deletedAt: f.deleted ? new Date() : null,
    })
  }
  await lead('A', { who: id.fika, stage: 'prospect', value: 1_000_000, closeOn: '2043-01-31' })
  await lead('B', { who: id.fika, stage: 'follow_up', value: 2_000_000, closeOn: '2043-01-01', followUp: '2043-03-10T09:00:00' })
  await lead('C', { who: id.gita, stage: 'interested', value: 3_333_333, closeOn: '2043-02-15' })
  // No expected date: placed by the Jakarta month of the next follow-up. 00:10 WIB on 1 March is still 28 February in UTC.
  await lead('D', { who: id.gita, stage: 'negotiation', value: 1_000_001, followUp: '2043-03-01T00:10:00' })
  await lead('E', { who: id.hadi, stage: 'prospect', value: 500_000, followUp: '2043-01-31T23:30:00' })
  await lead('F', { who: id.fika, stage: 'negotiation', value: 4_000_000, closeOn: '2020-05-10' }) // past due
  await lead('G', { who: null, stage: 'prospect', value: 700_000 }) // no date, no follow-up
  await lead('H', { who: id.gita, stage: 'follow_up', value: 1_200_000, closeOn: '2043-06-15' }) // after the period
  await lead('M', { who: id.hadi, stage: 'prospect', value: 100_000, closeOn: '2042-12-31' }) // before the period, not yet due
  await lead('L', { who: id.hadi, stage: 'interested', value: 2_500_000, closeOn: '2043-03-31', program: null })
  // Not open: won, lost, in the trash.
  await lead('I', { who: id.fika, stage: 'won', value: 9_999_999, closeOn: '2043-01-10' })
  await lead('J', { who: id.fika, stage: 'lost', value: 8_888_888, closeOn: '2043-01-10' })
  await lead('K', { who: id.fika, stage: 'prospect', value: 7_777_777, closeOn: '2043-01-10', deleted: true })
  // An activity changes nothing here (the forecast reads the lead's own dates).
  await db.insert(activities).values({ leadId: id.A!, userId: id.fika, type: 'call', occurredAt: at('2043-01-05T09:00:00') })
})

const get = (token: string | undefined, query: string) => call('GET', `/api/reports/forecast?${query}`, { token })
const mine = () => `${PERIOD}&channelId=${channelId}`

describe('GET /api/reports/forecast', () => {
  it('gives the Owner and Managers the open pipeline by expected month, weighted by stage, rounded once at the end', async () => {
    for (const token of [owner, manager]) {
      const res = await get(token, mine())
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ report: 'forecast', scope: 'all', money: true, params: { from: '2043-01', to: '2043-03', channelId } })
      const d = res.body.data
      expect(d.currentMonth).toMatch(/^20\d\d-\d\d$/)
      expect(d.buckets).toEqual([
        { kind: 'pastDue', month: null, count: 1, pipeline: 4_000_000, weighted: 3_000_000, byFollowUp: 0 },
        // A 10% of 1,000,000 + B 25% of 2,000,000 + E 10% of 500,000 (by its follow-up at 23:30 WIB on 31 January).
        { kind: 'month', month: '2043-01', count: 3, pipeline: 3_500_000, weighted: 650_000, byFollowUp: 1 },
        // 50% of 3,333,333 = 1,666,666.5 → 1,666,667.
        { kind: 'month', month: '2043-02', count: 1, pipeline: 3_333_333, weighted: 1_666_667, byFollowUp: 0 },
        // D by its follow-up at 00:10 WIB on 1 March: 750,000.75; L 1,250,000 → 2,000,000.75 → 2,000,001.
        { kind: 'month', month: '2043-03', count: 2, pipeline: 3_500_001, weighted: 2_000_001, byFollowUp: 1 },
        { kind: 'outside', month: null, count: 2, pipeline: 1_300_000, weighted: 310_000, byFollowUp: 0 },
        { kind: 'none', month: null, count: 1, pipeline: 700_000, weighted: 70_000, byFollowUp: 0 },
      ])
      expect(d.period).toEqual({ count: 6, pipeline: 10_333_334, weighted: 4_316_667 })
      // Σ value × probability ÷ 100 = 7,696,667.25: rounded once (the buckets' rounded figures add up to 7,696,668).
      expect(d.totals).toEqual({ count: 10, pipeline: 16_333_334, weighted: 7_696_667, byFollowUp: 2 })
      expect(d.byUser).toEqual([
        { id: id.fika, name: 'Fika Ramal', count: 3, pipeline: 7_000_000, weighted: 3_600_000 },
        { id: id.gita, name: 'Gita Ramal', count: 3, pipeline: 5_533_334, weighted: 2_716_667 },
        { id: id.hadi, name: 'Hadi Ramal', count: 3, pipeline: 3_100_000, weighted: 1_310_000 },
        { id: null, name: null, count: 1, pipeline: 700_000, weighted: 70_000 },
      ])
      expect(d.byProgram).toEqual([
        { id: programId, name: expect.stringContaining('Program Laporan'), count: 9, pipeline: 13_833_334, weighted: 6_446_667 },
        { id: null, name: null, count: 1, pipeline: 2_500_000, weighted: 1_250_000 },
      ])
    }
  })

  it('narrows to a person and a program, and moves leads between the period and outside it with the period', async () => {
    const gita = (await get(owner, `${mine()}&userId=${id.gita}`)).body.data
    expect(gita.buckets.map((b: any) => [b.kind, b.month, b.count, b.weighted])).toEqual([
      ['pastDue', null, 0, 0], ['month', '2043-01', 0, 0], ['month', '2043-02', 1, 1_666_667], ['month', '2043-03', 1, 750_001],
      ['outside', null, 1, 300_000], ['none', null, 0, 0],
    ])
    expect(gita.byUser.map((r: any) => r.id)).toEqual([id.gita])

    const program = (await get(owner, `${mine()}&programId=${programId}`)).body.data
    expect(program.totals).toEqual({ count: 9, pipeline: 13_833_334, weighted: 6_446_667, byFollowUp: 2 })
    expect(program.byProgram.map((r: any) => r.id)).toEqual([programId])

    // December 2042 to June 2043: M and H are in the period now; December is a month of its own.
    const wide = (await get(owner, `from=2042-12&to=2043-06&channelId=${channelId}`)).body.data
    expect(wide.buckets.map((b: any) => [b.kind, b.month, b.count])).toEqual([
      ['pastDue', null, 1], ['month', '2042-12', 1], ['month', '2043-01', 3], ['month', '2043-02', 1], ['month', '2043-03', 2],
      ['month', '2043-04', 0], ['month', '2043-05', 0], ['month', '2043-06', 1], ['outside', null, 0], ['none', null, 1],
    ])
    expect(wide.totals).toEqual({ count: 10, pipeline: 16_333_334, weighted: 7_696_667, byFollowUp: 2 })
  })

  it('gives Admin the counts only: no money field anywhere in the response', async () => {
    const res = await get(admin, mine())
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ scope: 'all', money: false })
    const text = JSON.stringify(res.body)
    expect(text).not.toMatch(/pipeline|weighted/)
    expect(res.body.data.buckets.map((b: any) => b.count)).toEqual([1, 3, 1, 2, 2, 1])
    expect(res.body.data.totals).toEqual({ count: 10, byFollowUp: 2 })
    expect(res.body.data.period).toEqual({ count: 6 })
    expect(res.body.data.byUser[0]).toEqual({ id: id.fika, name: 'Fika Ramal', count: 3 })
  })

  it('gives Sales/CS their own leads only, whatever person they ask for', async () => {
    for (const query of [mine(), `${mine()}&userId=${id.gita}`]) {
      const res = await get(fika, query)
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ scope: 'own', money: true })
      const d = res.body.data
      expect(d.buckets.map((b: any) => [b.count, b.pipeline, b.weighted])).toEqual([
        [1, 4_000_000, 3_000_000], [2, 3_000_000, 600_000], [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0],
      ])
      expect(d.totals).toEqual({ count: 3, pipeline: 7_000_000, weighted: 3_600_000, byFollowUp: 0 })
      expect(d.byUser).toEqual([{ id: id.fika, name: 'Fika Ramal', count: 3, pipeline: 7_000_000, weighted: 3_600_000 }])
    }
  })

  it('defaults to this month and the five after it', async () => {
    const { body } = await get(owner, '')
    const months = body.data.buckets.filter((b: any) => b.kind === 'month').map((b: any) => b.month)
    expect(months).toHaveLength(6)
    expect(months[0]).toBe(body.data.currentMonth)
    expect(body.params).toMatchObject({ from: months[0], to: months[5] })
  })

  it('answers 400 with field errors for bad filters and 401 without a session', async () => {
    for (const [query, field] of [['from=2043-13', 'from'], ['from=2043-05&to=2043-01', 'from'], ['channelId=abc', 'channelId'], ['userId=-1', 'userId'], ['from=2040-01&to=2043-01', 'to']]) {
      const res = await get(owner, query!)
      expect(res.status).toBe(400)
      expect(res.body.data.fieldErrors[field!]).toBeDefined()
    }
    expect((await get(undefined, mine())).status).toBe(401)
  })
})

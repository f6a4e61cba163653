import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { activities, channels, enrollments, targets } from '../../server/db/schema'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { call, login } from '../support/http'
import { reportFixtures } from '../support/reports'

/**
 * Team performance over March 2043 (and its edges), with people created here (nobody else's leads are assigned to
 * them) and a channel and program of its own, so every figure of their rows is exact; team totals are asserted
 * under the channel filter, where only this file's leads count.
 */
const { db, pool } = testDb()
afterAll(() => pool.end())
const { stageId, insertLead } = catalogHelpers(db)

const at = (wib: string) => new Date(`${wib}+07:00`)
const PASSWORD = 'rahasia-tim-1'
const PAST = '2020-01-01T09:00:00'
let owner: string, manager: string, admin: string, sari: string
const id: Record<string, number> = {}
let channelId: number
let programId: number

async function makeUser(ownerToken: string, name: string, email: string, role: 'sales' | 'admin', capacity: number) {
  const res = await call('POST', '/api/users', { token: ownerToken, body: { name, email, role, password: PASSWORD, capacity } })
  expect(res.status).toBe(201)
  return res.body.id as number
}

beforeAll(async () => {
  ;[owner, manager, admin] = await Promise.all([login('owner@demo.test'), login('manager@demo.test'), login('admin@demo.test')])
  const tag = `T${Date.now()}`
  id.sari = await makeUser(owner, 'Sari Tim', `sari.${tag}@demo.test`, 'sales', 10)
  id.bima = await makeUser(owner, 'Bima Tim', `bima.${tag}@demo.test`, 'sales', 4)
  id.citra = await makeUser(owner, 'Citra Tim', `citra.${tag}@demo.test`, 'admin', 3)
  expect((await call('PATCH', `/api/users/${id.bima}`, { token: owner, body: { onLeave: true } })).status).toBe(200)
  sari = await login(`sari.${tag}@demo.test`, PASSWORD)
  programId = (await reportFixtures(db, tag)).programId
  ;[{ id: channelId }] = await db.insert(channels).values({ code: `rpt-${tag}`.toLowerCase(), name: `Kanal Tim ${tag}`, sourceType: 'event', active: false }).$returningId() as [{ id: number }]

  const stage = Object.fromEntries(await Promise.all(['prospect', 'follow_up', 'interested', 'negotiation', 'won', 'lost'].map(async c => [c, await stageId(c)])))
  async function lead(name: string, f: { who: number | null, created: string, stage: string, followUp?: string, program?: number | null, deleted?: boolean }) {
    id[name] = await insertLead({
      studentName: `Tim ${name}`, channelId, programId: f.program === undefined ? programId : f.program, assignedTo: f.who, stageId: stage[f.stage],
      createdAt: at(f.created), nextFollowUpAt: f.followUp ? at(f.followUp) : null, deletedAt: f.deleted ? new Date() : null,
    })
  }
  const act = (leadName: string, who: number, type: 'call' | 'chat' | 'meeting' | 'note', when: string, deleted = false) =>
    ({ leadId: id[leadName]!, userId: who, type, occurredAt: at(when), deletedAt: deleted ? new Date() : null })

  // Sari: 23:30 WIB on 31 March and 00:10 WIB on 1 March are both March; 28 February 23:30 and 1 April 00:00 are not.
  await lead('S1', { who: id.sari, created: '2043-03-31T23:30:00', stage: 'prospect', followUp: PAST })
  await lead('S2', { who: id.sari, created: '2043-03-01T00:10:00', stage: 'won' })
  await lead('S3', { who: id.sari, created: '2043-02-28T23:30:00', stage: 'follow_up', followUp: '2099-01-01T09:00:00' })
  await lead('S4', { who: id.sari, created: '2043-03-15T10:00:00', stage: 'lost' })
  await lead('S5', { who: id.sari, created: '2043-03-20T09:00:00', stage: 'prospect' })
  await lead('S6', { who: id.sari, created: '2043-04-01T00:00:00', stage: 'prospect' })
  await lead('S7', { who: id.sari, created: '2043-03-10T09:00:00', stage: 'prospect', followUp: PAST, deleted: true })
  await lead('S8', { who: id.sari, created: '2043-03-12T09:00:00', stage: 'interested', program: null })
  // Bima (on leave): both open with a follow-up long past.
  await lead('B1', { who: id.bima, created: '2043-03-05T09:00:00', stage: 'negotiation', followUp: PAST })
  await lead('B2', { who: id.bima, created: '2043-03-06T09:00:00', stage: 'prospect', followUp: PAST })
  // Citra (Admin).
  await lead('C1', { who: id.citra, created: '2043-03-08T09:00:00', stage: 'interested', program: null })
  await lead('C2', { who: id.citra, created: '2043-03-09T09:00:00', stage: 'won' })
  // Nobody's: not a row of the report.
  await lead('U1', { who: null, created: '2043-03-09T09:00:00', stage: 'prospect', followUp: PAST })

  await db.insert(activities).values([
    act('S1', id.sari, 'call', '2043-04-01T01:30:00'), // first response 2 h, but an April activity
    act('S2', id.sari, 'chat', '2043-03-01T00:40:00'), // 0.5 h
    act('S2', id.sari, 'meeting', '2043-03-05T10:00:00'),
    act('S3', id.sari, 'call', '2043-02-28T23:50:00'), // February
    act('S3', id.sari, 'note', '2043-03-02T09:00:00'),
    act('S4', id.bima, 'call', '2043-03-15T14:00:00'), // Sari's lead, answered first by Bima: 4 h
    act('S7', id.sari, 'call', '2043-03-10T10:00:00', true), // went to the trash with its lead
    act('S8', id.sari, 'chat', '2043-03-12T15:00:00'), // 6 h
    act('S8', id.sari, 'note', '2043-03-13T09:00:00', true), // deleted
    act('B1', id.bima, 'call', '2043-03-05T09:00:00'), // 0 h
    act('B2', id.bima, 'chat', '2043-03-06T10:30:00'), // 1.5 h
    act('C1', id.citra, 'meeting', '2043-03-08T21:00:00'), // 12 h
    act('C2', id.citra, 'call', '2043-03-09T10:00:00'), // 1 h
    act('U1', id.citra, 'note', '2043-03-09T11:00:00'),
  ])
  const enrol = (leadName: string, who: number, amount: number, when: string, status: 'active' | 'cancelled' = 'active') =>
    ({ leadId: id[leadName]!, programId, channelId, userId: who, amount, enrolledAt: at(when), status })
  await db.insert(enrollments).values([
    enrol('S2', id.sari, 5_000_000, '2043-03-10T09:00:00'),
    enrol('S2', id.sari, 2_000_000, '2043-03-31T23:30:00'),
    enrol('S2', id.sari, 9_000_000, '2043-03-11T09:00:00', 'cancelled'),
    enrol('S2', id.sari, 1_000_000, '2043-04-01T00:10:00'),
    enrol('C2', id.citra, 3_000_000, '2043-03-09T12:00:00'),
  ])
  await db.insert(targets).values([
    { month: '2043-03', scope: 'user', scopeId: id.sari, revenue: 10_000_000, students: 4, leads: 8 },
    { month: '2043-04', scope: 'user', scopeId: id.sari, revenue: 5_000_000, students: 1, leads: 6 },
    { month: '2043-03', scope: 'user', scopeId: id.citra, revenue: 6_000_000, students: 2, leads: 4 },
  ])
})

const get = (token: string | undefined, query: string) => call('GET', `/api/reports/team?${query}`, { token })
const rowOf = (body: any, userId: number | undefined) => body.data.rows.find((r: any) => r.userId === userId)
const acts = (call: number, chat: number, meeting: number, note: number) => ({ call, chat, meeting, note, total: call + chat + meeting + note })
const fig = (target: number | null, real: number, pct: number | null) => ({ target, real, pct })

const SARI = {
  name: 'Sari Tim', role: 'sales', active: true, onLeave: false,
  // Now: S1, S3, S5, S6, S8 open (S2 won, S4 lost, S7 in the trash); S1 overdue.
  openLeads: 5, capacity: 10, workloadPct: 50, overdue: 1,
  // March: S1, S2, S4, S5, S8; S2 won. Responded: S1 2 h, S2 0.5 h, S4 4 h, S8 6 h → median 3 h.
  newLeads: 5, won: 1, conversionPct: 20, activities: acts(0, 2, 1, 1), responded: 4, medianResponseHours: 3,
  leads: fig(8, 5, 62.5), students: fig(4, 2, 50), revenue: fig(10_000_000, 7_000_000, 70),
}
const BIMA = {
  name: 'Bima Tim', role: 'sales', active: true, onLeave: true,
  openLeads: 2, capacity: 4, workloadPct: 50, overdue: 2,
  // 0 h and 1.5 h → 0.75 h → 0.8.
  newLeads: 2, won: 0, conversionPct: 0, activities: acts(2, 1, 0, 0), responded: 2, medianResponseHours: 0.8,
  leads: fig(null, 2, null), students: fig(null, 0, null), revenue: fig(null, 0, null),
}
const CITRA = {
  name: 'Citra Tim', role: 'admin', active: true, onLeave: false,
  openLeads: 1, capacity: 3, workloadPct: 33, overdue: 0,
  newLeads: 2, won: 1, conversionPct: 50, activities: acts(1, 0, 1, 1), responded: 2, medianResponseHours: 6.5,
  leads: fig(4, 2, 50), students: fig(2, 1, 50), revenue: fig(6_000_000, 3_000_000, 50),
}

describe('GET /api/reports/team', () => {
  it('gives the Owner and Managers every person\'s row for the period, by Jakarta months', async () => {
    for (const token of [owner, manager]) {
      const res = await get(token, 'from=2043-03&to=2043-03')
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ report: 'team', scope: 'all', money: true, params: { from: '2043-03', to: '2043-03' } })
      expect(res.body.data.targetsApply).toBe(true)
      expect(rowOf(res.body, id.sari)).toEqual({ userId: id.sari, ...SARI })
      expect(rowOf(res.body, id.bima)).toEqual({ userId: id.bima, ...BIMA })
      expect(rowOf(res.body, id.citra)).toEqual({ userId: id.citra, ...CITRA })
      // Every active Admin and Sales/CS user has a row; the Owner (no figures) has none.
      const all = await call('GET', '/api/users?active=true', { token: owner })
      const assignable = all.body.filter((u: any) => ['admin', 'sales'].includes(u.role)).map((u: any) => u.id)
      expect(res.body.data.rows.map((r: any) => r.userId)).toEqual(expect.arrayContaining(assignable))
      expect(res.body.data.rows.some((r: any) => r.role === 'owner')).toBe(false)
    }
  })

  it('adds up the team under the channel filter, with one median over every new lead', async () => {
    const { body } = await get(owner, `from=2043-03&to=2043-03&channelId=${channelId}`)
    expect(body.data.targetsApply).toBe(false)
    expect(rowOf(body, id.sari)).toMatchObject({ newLeads: 5, medianResponseHours: 3, leads: fig(null, 5, null), revenue: fig(null, 7_000_000, null) })
    const t = body.data.totals
    // Overdue counts the channel's leads only (U1 is nobody's); new leads, activities and enrolments are the channel's.
    expect(t).toMatchObject({
      overdue: 3, newLeads: 9, won: 2, conversionPct: 22.2, activities: acts(3, 3, 2, 2), responded: 8,
      // 0, 0.5, 1, 1.5 | 2, 4, 6, 12 → (1.5 + 2) / 2 = 1.75 h → 1.8.
      medianResponseHours: 1.8,
      leads: fig(null, 9, null), students: fig(null, 3, null), revenue: fig(null, 10_000_000, null),
    })
  })

  it('narrows the lead figures to a program, never the workload', async () => {
    const { body } = await get(owner, `from=2043-03&to=2043-03&programId=${programId}`)
    expect(rowOf(body, id.sari)).toEqual({
      userId: id.sari, ...SARI,
      newLeads: 4, won: 1, conversionPct: 25, activities: acts(0, 1, 1, 1), responded: 3, medianResponseHours: 2,
      leads: fig(null, 4, null), students: fig(null, 2, null), revenue: fig(null, 7_000_000, null),
    })
    // C1 has no program; the note on U1 (nobody's lead, on the program) is still Citra's work.
    expect(rowOf(body, id.citra)).toMatchObject({ openLeads: 1, workloadPct: 33, newLeads: 1, activities: acts(1, 0, 0, 1), medianResponseHours: 1 })
  })

  it('sums the targets over the period\'s months', async () => {
    const { body } = await get(owner, 'from=2043-03&to=2043-04')
    // S6 (1 April 00:00 WIB) and the enrolment of 1 April 00:10 WIB join; the April activity of S1 too.
    expect(rowOf(body, id.sari)).toMatchObject({
      newLeads: 6, activities: acts(1, 2, 1, 1), leads: fig(14, 6, 42.9), students: fig(5, 3, 60), revenue: fig(15_000_000, 8_000_000, 53.3),
    })
  })

  it('gives Admin every row without money: no revenue field anywhere', async () => {
    const res = await get(admin, 'from=2043-03&to=2043-03')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ scope: 'all', money: false })
    expect(JSON.stringify(res.body)).not.toContain('revenue')
    const { revenue: _, ...withoutMoney } = SARI
    expect(rowOf(res.body, id.sari)).toEqual({ userId: id.sari, ...withoutMoney })
  })

  it('gives Sales/CS their own row only', async () => {
    const res = await get(sari, 'from=2043-03&to=2043-03')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ scope: 'own', money: true })
    expect(res.body.data.rows).toEqual([{ userId: id.sari, ...SARI }])
    expect(res.body.data.totals).toMatchObject({ newLeads: 5, medianResponseHours: 3, overdue: 1, openLeads: 5, workloadPct: 50, revenue: SARI.revenue })
  })

  it('defaults to this month, answers 400 with field errors for bad filters and 401 without a session', async () => {
    const { body } = await get(owner, '')
    expect(body.params.from).toBe(body.params.to)
    for (const [query, field] of [['from=2043-3', 'from'], ['from=2043-04&to=2043-03', 'from'], ['programId=x', 'programId'], ['channelId=0', 'channelId']]) {
      const res = await get(owner, query!)
      expect(res.status).toBe(400)
      expect(res.body.data.fieldErrors[field!]).toBeDefined()
    }
    expect((await get(undefined, 'from=2043-03')).status).toBe(401)
  })
})

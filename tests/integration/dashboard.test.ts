import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enrollments, leads, leadStageHistory, pipelineStages, programs, targets, users } from '../../server/db/schema'
import { jakartaDay } from '../../shared/utils/jakarta'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

/**
 * The dashboard over a small dataset of its own: March 2031 (and the five months before), far from anything the
 * other test files write, with fresh users so the leaderboard rows are ours alone. Every figure is exact.
 */
const { db, pool } = testDb()
afterAll(() => pool.end())
const { stageId, channelId, insertLead } = catalogHelpers(db)

const at = (wib: string) => new Date(`${wib}+07:00`)
const PASSWORD = 'rahasia-dasbor-1'
let owner: string, manager: string, admin: string, sari: string, bima: string
const id: Record<string, number> = {}
const program: Record<string, number> = {}

async function makeUser(ownerToken: string, name: string, email: string, role: 'sales' | 'admin') {
  const res = await call('POST', '/api/users', { token: ownerToken, body: { name, email, role, password: PASSWORD } })
  expect(res.status).toBe(201)
  return res.body.id as number
}

beforeAll(async () => {
  ;[owner, manager, admin] = await Promise.all([login('owner@demo.test'), login('manager@demo.test'), login('admin@demo.test')])
  id.sari = await makeUser(owner, 'Sari Dasbor', 'sari.dasbor@demo.test', 'sales')
  id.bima = await makeUser(owner, 'Bima Dasbor', 'bima.dasbor@demo.test', 'sales')
  id.citra = await makeUser(owner, 'Citra Dasbor', 'citra.dasbor@demo.test', 'admin')
  ;[sari, bima] = await Promise.all([login('sari.dasbor@demo.test', PASSWORD), login('bima.dasbor@demo.test', PASSWORD)])
  for (const p of await db.select().from(programs)) program[p.code] = p.id

  const stage = {
    prospect: await stageId('prospect'), follow_up: await stageId('follow_up'), interested: await stageId('interested'),
    negotiation: await stageId('negotiation'), won: await stageId('won'), lost: await stageId('lost'),
  }
  const tiktok = await channelId('tiktok_ads')
  const referral = await channelId('referral')
  const past = new Date('2026-01-01T00:00:00Z')
  type Code = keyof typeof stage
  /** A lead with the stages it went through (the first is where it was created), ending in its current stage. */
  async function lead(name: string, fields: { assignedTo: number | null, channelId: number | null, created: string, path: Code[], nextFollowUpAt?: Date, deleted?: boolean, noHistory?: boolean }) {
    const createdAt = at(fields.created)
    id[name] = await insertLead({
      studentName: name, assignedTo: fields.assignedTo, channelId: fields.channelId, stageId: stage[fields.path.at(-1)!],
      createdAt, updatedAt: createdAt, nextFollowUpAt: fields.nextFollowUpAt ?? null, deletedAt: fields.deleted ? new Date('2026-01-01T00:00:00Z') : null,
    })
    if (fields.noHistory) return
    await db.insert(leadStageHistory).values(fields.path.map((code, i) => ({
      leadId: id[name]!, fromStageId: i ? stage[fields.path[i - 1]!] : null, toStageId: stage[code], changedAt: new Date(createdAt.getTime() + i * 3_600_000),
    })))
  }
  // March 2031: a lead created at 00:10 WIB on the 1st (still February in UTC) and one at 23:30 WIB on the 31st both count.
  await lead('L1', { assignedTo: id.sari, channelId: tiktok, created: '2031-03-01T00:10:00', path: ['prospect', 'follow_up', 'interested', 'won'] })
  await lead('L2', { assignedTo: id.sari, channelId: tiktok, created: '2031-03-15T10:00:00', path: ['prospect', 'follow_up', 'lost'] })
  await lead('L3', { assignedTo: id.sari, channelId: referral, created: '2031-03-31T23:30:00', path: ['prospect'], nextFollowUpAt: past })
  await lead('L4', { assignedTo: id.bima, channelId: referral, created: '2031-03-10T09:00:00', path: ['prospect', 'follow_up', 'interested', 'negotiation'], nextFollowUpAt: past })
  await lead('L5', { assignedTo: id.bima, channelId: null, created: '2031-03-20T09:00:00', path: ['interested', 'won'] })
  await lead('L6', { assignedTo: id.citra, channelId: tiktok, created: '2031-03-05T09:00:00', path: ['prospect', 'follow_up'], nextFollowUpAt: at('2031-04-01T09:00:00') })
  await lead('L11', { assignedTo: null, channelId: tiktok, created: '2031-03-18T09:00:00', path: ['prospect'], noHistory: true })
  // Not March: April by one minute, deleted, February (the previous month), and the trend's edges.
  await lead('L7', { assignedTo: id.sari, channelId: tiktok, created: '2031-04-01T00:00:00', path: ['prospect'] })
  await lead('L10', { assignedTo: id.sari, channelId: tiktok, created: '2031-03-12T09:00:00', path: ['prospect', 'won'], deleted: true })
  await lead('L8', { assignedTo: id.sari, channelId: tiktok, created: '2031-02-28T23:30:00', path: ['prospect', 'won'] })
  await lead('L9', { assignedTo: id.bima, channelId: referral, created: '2031-02-10T09:00:00', path: ['prospect'], nextFollowUpAt: past })
  await lead('L12', { assignedTo: id.bima, channelId: referral, created: '2030-10-31T23:30:00', path: ['prospect'] })
  await lead('L13', { assignedTo: id.bima, channelId: referral, created: '2030-11-01T00:00:00', path: ['prospect'] })
  await lead('L14', { assignedTo: id.bima, channelId: referral, created: '2030-09-30T23:30:00', path: ['prospect'] })

  const enrol = (leadName: string, code: string, amount: number, wib: string, userId: number, status: 'active' | 'cancelled' = 'active') =>
    ({ leadId: id[leadName]!, programId: program[code]!, amount, enrolledAt: at(wib), userId, channelId: null, status })
  await db.insert(enrollments).values([
    enrol('L1', 'SMA-REG', 4_800_000, '2031-03-02T09:00:00', id.sari),
    enrol('L5', 'UTBK-INT', 7_500_000, '2031-03-31T23:45:00', id.bima),
    enrol('L5', 'PRIVAT', 3_000_000, '2031-03-20T09:00:00', id.bima, 'cancelled'),
    enrol('L8', 'SMA-REG', 4_500_000, '2031-02-28T23:59:00', id.sari),
    enrol('L1', 'SD-REG', 2_400_000, '2031-04-01T00:00:00', id.sari),
    enrol('L9', 'SMP-REG', 3_600_000, '2030-12-15T09:00:00', id.bima),
  ])
  await db.insert(targets).values([
    { month: '2031-03', scope: 'overall', scopeId: 0, revenue: 20_000_000, students: 4, leads: 10 },
    { month: '2031-02', scope: 'overall', scopeId: 0, revenue: 5_000_000, students: 2, leads: 4 },
    { month: '2030-10', scope: 'overall', scopeId: 0, revenue: 1_000_000, students: 1, leads: 3 },
    { month: '2031-03', scope: 'program', scopeId: program['SMA-REG']!, revenue: 9_600_000, students: 2, leads: 0 },
    { month: '2031-03', scope: 'program', scopeId: program['UTBK-INT']!, revenue: 15_000_000, students: 2, leads: 0 },
    { month: '2031-03', scope: 'user', scopeId: id.sari, revenue: 10_000_000, students: 2, leads: 5 },
  ])
})

const get = (token: string, month = '2031-03') => call('GET', `/api/reports/dashboard?month=${month}`, { token })
const BASE = ['prospect', 'follow_up', 'interested', 'negotiation', 'won']
/** The funnel's steps for the base stages (other test files may add stages of their own). */
const baseFunnel = (steps: { code: string, count: number, pct: number | null }[]) => steps.filter(s => BASE.includes(s.code)).map(s => [s.code, s.count, s.pct])
const none = { target: null, real: 0 }

describe('GET /api/reports/dashboard', () => {
  it('gives the Owner and Managers every figure of the month, bucketed by Jakarta months', async () => {
    const stages = await db.select().from(pipelineStages).where(inArray(pipelineStages.code, BASE))
    const pos = Object.fromEntries(stages.map(s => [s.code, s.position]))
    expect(BASE.slice(0, 4).map(c => pos[c])).toEqual([...BASE.slice(0, 4).map(c => pos[c]!)].sort((a, b) => a - b))

    for (const token of [owner, manager]) {
      const res = await get(token)
      expect(res.status).toBe(200)
      const d = res.body
      expect(d).toMatchObject({ month: '2031-03', previousMonth: '2031-02', scope: 'all', money: true })
      expect(d.cards).toEqual({
        revenue: { target: 20_000_000, real: 12_300_000, pct: 61.5, previous: 4_500_000 },
        students: { target: 4, real: 2, pct: 50, previous: 1 },
        leads: { target: 10, real: 7, pct: 70, previous: 2 },
        conversion: { leads: 7, won: 2, lost: 1, rate: 28.6, previousRate: 50, closedRate: 66.7 },
        // March 2031 has not begun: nothing to project yet.
        forecast: { method: 'run_rate', value: null, real: 12_300_000, elapsedDays: 0, daysInMonth: 31, target: 20_000_000, pct: null },
      })
      expect(d.trend).toEqual([
        { month: '2030-10', leads: { target: 3, real: 1 }, students: { target: 1, real: 0 }, revenue: { target: 1_000_000, real: 0 } },
        { month: '2030-11', leads: { target: null, real: 1 }, students: none, revenue: none },
        { month: '2030-12', leads: none, students: { target: null, real: 1 }, revenue: { target: null, real: 3_600_000 } },
        { month: '2031-01', leads: none, students: none, revenue: none },
        { month: '2031-02', leads: { target: 4, real: 2 }, students: { target: 2, real: 1 }, revenue: { target: 5_000_000, real: 4_500_000 } },
        { month: '2031-03', leads: { target: 10, real: 7 }, students: { target: 4, real: 2 }, revenue: { target: 20_000_000, real: 12_300_000 } },
      ])
      expect(baseFunnel(d.funnel)).toEqual([
        ['prospect', 7, 100], ['follow_up', 5, 71.4], ['interested', 3, 42.9], ['negotiation', 3, 42.9], ['won', 2, 28.6],
      ])
      expect(d.channels).toEqual([
        { channelId: await channelId('tiktok_ads'), name: 'TikTok Ads', leads: 4, won: 1, rate: 25 },
        { channelId: await channelId('referral'), name: 'Referral', leads: 2, won: 0, rate: 0 },
        { channelId: null, name: null, leads: 1, won: 1, rate: 100 },
      ])
      expect(d.programs.slice(0, 2)).toEqual([
        { programId: program['UTBK-INT'], code: 'UTBK-INT', name: 'Intensif UTBK-SNBT', students: { target: 2, real: 1, pct: 50 }, revenue: { target: 15_000_000, real: 7_500_000, pct: 50 } },
        { programId: program['SMA-REG'], code: 'SMA-REG', name: 'Reguler SMA', students: { target: 2, real: 1, pct: 50 }, revenue: { target: 9_600_000, real: 4_800_000, pct: 50 } },
      ])
      for (const p of d.programs.slice(2)) expect(p).toMatchObject({ students: { target: null, real: 0, pct: null }, revenue: { target: null, real: 0, pct: null } })
      expect(d.programs.map((p: { code: string }) => p.code)).toEqual(expect.arrayContaining(['SD-REG', 'SMP-REG', 'SMP-ANBK', 'PRIVAT']))
      expect(d.team.slice(0, 3)).toEqual([
        { userId: id.bima, name: 'Bima Dasbor', role: 'sales', leads: 2, won: 1, rate: 50, students: 1, revenue: 7_500_000, overdue: 2 },
        { userId: id.sari, name: 'Sari Dasbor', role: 'sales', leads: 3, won: 1, rate: 33.3, students: 1, revenue: 4_800_000, overdue: 1 },
        { userId: id.citra, name: 'Citra Dasbor', role: 'admin', leads: 1, won: 0, rate: 0, students: 0, revenue: 0, overdue: 0 },
      ])
      for (const row of d.team.slice(3)) expect(row).toMatchObject({ leads: 0, won: 0, rate: null, students: 0, revenue: 0 })
    }
  })

  it('shows a Sales/CS user only their own leads, credited enrolments and per-user targets', async () => {
    const { status, body: d } = await get(sari)
    expect(status).toBe(200)
    expect(d).toMatchObject({ scope: 'own', money: true })
    expect(d.cards).toEqual({
      revenue: { target: 10_000_000, real: 4_800_000, pct: 48, previous: 4_500_000 },
      students: { target: 2, real: 1, pct: 50, previous: 1 },
      leads: { target: 5, real: 3, pct: 60, previous: 1 },
      conversion: { leads: 3, won: 1, lost: 1, rate: 33.3, previousRate: 100, closedRate: 50 },
      forecast: { method: 'run_rate', value: null, real: 4_800_000, elapsedDays: 0, daysInMonth: 31, target: 10_000_000, pct: null },
    })
    expect(d.trend).toEqual([
      ...['2030-10', '2030-11', '2030-12', '2031-01'].map(month => ({ month, leads: none, students: none, revenue: none })),
      { month: '2031-02', leads: { target: null, real: 1 }, students: { target: null, real: 1 }, revenue: { target: null, real: 4_500_000 } },
      { month: '2031-03', leads: { target: 5, real: 3 }, students: { target: 2, real: 1 }, revenue: { target: 10_000_000, real: 4_800_000 } },
    ])
    expect(baseFunnel(d.funnel)).toEqual([['prospect', 3, 100], ['follow_up', 2, 66.7], ['interested', 1, 33.3], ['negotiation', 1, 33.3], ['won', 1, 33.3]])
    expect(d.channels).toEqual([
      { channelId: await channelId('tiktok_ads'), name: 'TikTok Ads', leads: 2, won: 1, rate: 50 },
      { channelId: await channelId('referral'), name: 'Referral', leads: 1, won: 0, rate: 0 },
    ])
    // No per-program targets for one person: the real figures only.
    expect(d.programs[0]).toEqual({ programId: program['SMA-REG'], code: 'SMA-REG', name: 'Reguler SMA', students: { target: null, real: 1, pct: null }, revenue: { target: null, real: 4_800_000, pct: null } })
    for (const p of d.programs.slice(1)) expect(p).toMatchObject({ students: { real: 0 }, revenue: { real: 0 } })
    expect(d.team).toEqual([{ userId: id.sari, name: 'Sari Dasbor', role: 'sales', leads: 3, won: 1, rate: 33.3, students: 1, revenue: 4_800_000, overdue: 1 }])

    // Without a per-user target there is no target at all (never the team's).
    const other = (await get(bima)).body
    expect(other.cards.leads).toEqual({ target: null, real: 2, pct: null, previous: 1 })
    expect(other.cards.revenue).toEqual({ target: null, real: 7_500_000, pct: null, previous: 0 })
    expect(other.team.map((r: { userId: number }) => r.userId)).toEqual([id.bima])
  })

  it('gives Admin the team\'s figures with every money field left out by the server', async () => {
    const { status, body: d } = await get(admin)
    expect(status).toBe(200)
    expect(d).toMatchObject({ scope: 'all', money: false })
    expect(JSON.stringify(d)).not.toMatch(/revenue|forecast|amount/i)
    expect(d.cards).toEqual({
      students: { target: 4, real: 2, pct: 50, previous: 1 },
      leads: { target: 10, real: 7, pct: 70, previous: 2 },
      conversion: { leads: 7, won: 2, lost: 1, rate: 28.6, previousRate: 50, closedRate: 66.7 },
    })
    expect(d.trend.at(-1)).toEqual({ month: '2031-03', leads: { target: 10, real: 7 }, students: { target: 4, real: 2 } })
    // Without revenue to rank by, programs tie on students and follow their names.
    expect(d.programs.slice(0, 2)).toEqual([
      { programId: program['UTBK-INT'], code: 'UTBK-INT', name: 'Intensif UTBK-SNBT', students: { target: 2, real: 1, pct: 50 } },
      { programId: program['SMA-REG'], code: 'SMA-REG', name: 'Reguler SMA', students: { target: 2, real: 1, pct: 50 } },
    ])
    expect(d.team.slice(0, 3)).toEqual([
      { userId: id.sari, name: 'Sari Dasbor', role: 'sales', leads: 3, won: 1, rate: 33.3, students: 1, overdue: 1 },
      { userId: id.bima, name: 'Bima Dasbor', role: 'sales', leads: 2, won: 1, rate: 50, students: 1, overdue: 2 },
      { userId: id.citra, name: 'Citra Dasbor', role: 'admin', leads: 1, won: 0, rate: 0, students: 0, overdue: 0 },
    ])
  })

  it('defaults to the current Jakarta month and refuses a bad month with 400', async () => {
    const now = await call('GET', '/api/reports/dashboard', { token: owner })
    expect(now.status).toBe(200)
    expect(now.body.month).toBe(jakartaDay(new Date()).slice(0, 7))
    expect(now.body.trend).toHaveLength(6)
    for (const bad of ['2031-13', '2031-3', 'maret', '2031-03-01']) {
      const res = await get(owner, bad)
      expect(res.status).toBe(400)
      expect(res.body.data.fieldErrors.month).toBeDefined()
    }
    expect((await call('GET', '/api/reports/dashboard?month=2031-03')).status).toBe(401)
  })

  it('moves with the data: a lead deleted drops out, a stage change shows in the funnel and the conversion', async () => {
    await db.update(leads).set({ deletedAt: new Date() }).where(eq(leads.id, id.L11!))
    const d = (await get(owner)).body
    expect(d.cards.leads.real).toBe(6)
    expect(d.cards.conversion).toMatchObject({ leads: 6, won: 2, rate: 33.3 })
    expect(baseFunnel(d.funnel)[0]).toEqual(['prospect', 6, 100])
    await db.update(leads).set({ deletedAt: null }).where(eq(leads.id, id.L11!))
    expect((await db.select({ n: users.id }).from(users).where(eq(users.id, id.sari!))).length).toBe(1)
  })
})

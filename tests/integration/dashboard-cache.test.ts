import type { ChildProcess } from 'node:child_process'
import { eq } from 'drizzle-orm'
import mysql from 'mysql2/promise'
import { ofetch } from 'ofetch'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { channels, leads, leadStageHistory, pipelineStages, programs } from '../../server/db/schema'
import { dashboardFor } from '../../server/services/dashboard'
import type { DashboardDto } from '../../shared/types/dashboard'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { TEST_ENV } from '../support/env'
import { startServer } from '../support/global-setup'
import { baseURL, call, login } from '../support/http'

/**
 * The dashboard is computed once per data version and reused until the next write (server/db/versions.ts).
 * Here two server processes share the test database: after every kind of write that can move a figure, made
 * through either process (or straight into the database), the very next read from both must equal a fresh
 * computation from the rows. June 2033 is this file's month, apart from every other test's.
 */
const { db, pool } = testDb()
const { stageId, channelId, insertLead } = catalogHelpers(db)
const M = '2033-06'
const at = (wib: string) => new Date(`${wib}+07:00`)

let second: { url: string, child: ChildProcess }
let A: string, B: string
const token: Record<string, string> = {}
const viewer: Record<string, { id: number, role: 'owner' | 'admin' | 'sales' }> = {}
const lead: Record<string, number> = {}

beforeAll(async () => {
  A = baseURL()
  second = await startServer({ ...TEST_ENV, DATABASE_URL: inject('databaseURL') })
  B = second.url
  token.owner = await login('owner@demo.test')
  token.admin = await login('admin@demo.test')
  const me = async (t: string) => (await call('GET', '/api/auth/session', { token: t })).body as { id: number, role: 'owner' | 'admin' | 'sales' }
  const created = await call('POST', '/api/users', { token: token.owner, body: { name: 'Dewi Tembolok', email: 'dewi.tembolok@demo.test', role: 'sales', password: 'rahasia-tembolok-1' } })
  expect(created.status).toBe(201)
  token.sales = await login('dewi.tembolok@demo.test', 'rahasia-tembolok-1')
  for (const who of ['owner', 'admin', 'sales']) viewer[who] = await me(token[who]!)

  const [prospect, followUp] = [await stageId('prospect'), await stageId('follow_up')]
  const tiktok = await channelId('tiktok_ads')
  for (const [name, day, stage] of [['D1', '02', prospect], ['D2', '10', followUp], ['D3', '15', prospect], ['D4', '20', followUp]] as const) {
    lead[name] = await insertLead({ studentName: `Tembolok ${name}`, assignedTo: viewer.sales!.id, channelId: tiktok, stageId: stage, createdAt: at(`${M}-${day}T09:00:00`) })
    await db.insert(leadStageHistory).values({ leadId: lead[name]!, fromStageId: null, toStageId: stage, changedAt: at(`${M}-${day}T09:00:00`) })
  }
})

afterAll(async () => {
  second?.child.kill('SIGTERM')
  await pool.end()
})

const read = async (base: string, who: string): Promise<DashboardDto> =>
  ofetch<DashboardDto>(`/api/reports/dashboard?month=${M}`, { baseURL: base, headers: { authorization: `Bearer ${token[who]}` }, retry: 0 })

/** Everyone's figures, but overdue follow-ups only for this file's user: other files' leads fall due as the clock runs. */
const comparable = (d: DashboardDto) => ({ ...d, team: d.team.map(r => (r.userId === viewer.sales!.id ? r : { ...r, overdue: 'not compared' })) })

/** Both processes answer, for every kind of viewer, exactly what a fresh computation from the rows gives now. */
async function expectExact(what: string) {
  for (const who of ['owner', 'admin', 'sales']) {
    const fresh = comparable(await dashboardFor(db, viewer[who]!, M, new Date(), { fresh: true }))
    for (const [name, base] of [['A', A], ['B', B]] as const) expect(comparable(await read(base, who)), `${what}: ${who} on ${name}`).toEqual(fresh)
  }
}

const step = (d: DashboardDto, code: string) => d.funnel.find(s => s.code === code)!.count
const mine = (d: DashboardDto) => d.team.find(r => r.userId === viewer.sales!.id)!

describe('the cached dashboard', () => {
  it('shows every write at once, through either process, equal to a fresh computation', async () => {
    await expectExact('before any write (now cached in both processes)')
    const start = await read(B, 'sales')
    expect(start.cards.leads.real).toBe(4)

    // A stage move on A: the funnel and the conversion on B.
    expect((await call('POST', '/api/pipeline/move', { token: token.owner, body: { leadId: lead.D1, stageId: await stageId('interested') } })).status).toBe(200)
    expect(step(await read(B, 'sales'), 'interested')).toBe(step(start, 'interested') + 1)
    await expectExact('stage move')

    // Reassigned away on B: gone from the Sales/CS user's own figures on A.
    expect((await ofetch.raw(`/api/leads/${lead.D2}`, { baseURL: B, method: 'PATCH', headers: { authorization: `Bearer ${token.owner}` }, body: { assignedTo: null } })).status).toBe(200)
    expect((await read(A, 'sales')).cards.leads.real).toBe(3)
    await expectExact('reassignment')

    // Deleted on A, restored on B.
    const team = (await read(A, 'owner')).cards.leads.real
    expect((await call('DELETE', `/api/leads/${lead.D3}`, { token: token.owner })).status).toBe(204)
    expect((await read(B, 'owner')).cards.leads.real).toBe(team - 1)
    await expectExact('delete')
    expect((await ofetch.raw(`/api/leads/${lead.D3}/restore`, { baseURL: B, method: 'POST', headers: { authorization: `Bearer ${token.owner}` }, body: {} })).status).toBe(200)
    expect((await read(A, 'owner')).cards.leads.real).toBe(team)
    await expectExact('restore')

    // The month's targets.
    expect((await call('PUT', '/api/targets', { token: token.owner, body: { month: M, items: [{ scope: 'overall', scopeId: 0, revenue: 50_000_000, students: 5, leads: 40 }, { scope: 'user', scopeId: viewer.sales!.id, revenue: 9_000_000, students: 1, leads: 4 }] } })).status).toBe(200)
    expect((await read(B, 'owner')).cards.leads.target).toBe(40)
    expect((await read(B, 'sales')).cards.revenue!.target).toBe(9_000_000)
    await expectExact('targets')

    // An enrolment in the month (on B), then cancelled (on A).
    const [program] = await db.select().from(programs).where(eq(programs.code, 'SMA-REG'))
    const enrolled = await ofetch.raw<{ id: number }>('/api/enrollments', { baseURL: B, method: 'POST', headers: { authorization: `Bearer ${token.owner}` }, body: { leadId: lead.D1, programId: program!.id, amount: 4_800_000, enrolledAt: `${M}-21T10:00:00+07:00` } })
    expect(enrolled.status).toBe(201)
    expect((await read(A, 'sales')).cards.revenue!.real).toBe(4_800_000)
    await expectExact('enrolment')
    expect((await call('PATCH', `/api/enrollments/${enrolled._data!.id}`, { token: token.owner, body: { status: 'cancelled' } })).status).toBe(200)
    expect((await read(B, 'sales')).cards.revenue!.real).toBe(0)
    await expectExact('enrolment cancelled')

    // Names: a person, a stage, a channel (each put back).
    expect((await call('PATCH', `/api/users/${viewer.sales!.id}`, { token: token.owner, body: { name: 'Dewi Tembolok Baru' } })).status).toBe(200)
    expect(mine(await read(B, 'owner')).name).toBe('Dewi Tembolok Baru')
    await expectExact('user renamed')
    const [interested] = await db.select().from(pipelineStages).where(eq(pipelineStages.code, 'interested'))
    expect((await call('PATCH', `/api/stages/${interested!.id}`, { token: token.owner, body: { name: 'Tertarik Sekali' } })).status).toBe(200)
    expect((await read(B, 'owner')).funnel.find(s => s.code === 'interested')!.name).toBe('Tertarik Sekali')
    await expectExact('stage renamed')
    expect((await call('PATCH', `/api/stages/${interested!.id}`, { token: token.owner, body: { name: interested!.name } })).status).toBe(200)
    const [tiktok] = await db.select().from(channels).where(eq(channels.code, 'tiktok_ads'))
    expect((await call('PATCH', `/api/channels/${tiktok!.id}`, { token: token.owner, body: { name: 'TikTok Iklan' } })).status).toBe(200)
    expect((await read(B, 'sales')).channels[0]!.name).toBe('TikTok Iklan')
    await expectExact('channel renamed')
    expect((await call('PATCH', `/api/channels/${tiktok!.id}`, { token: token.owner, body: { name: tiktok!.name } })).status).toBe(200)

    // Rows written straight into the database, as a seed or an import would: seen by both processes too.
    const before = (await read(A, 'sales')).cards.leads.real
    lead.D5 = await insertLead({ studentName: 'Tembolok D5', assignedTo: viewer.sales!.id, stageId: await stageId('prospect'), createdAt: at(`${M}-25T09:00:00`) })
    expect((await read(A, 'sales')).cards.leads.real).toBe(before + 1)
    expect((await read(B, 'sales')).cards.leads.real).toBe(before + 1)
    await expectExact('direct insert')
  })

  it('is really served from the cache: a row slipped in around the database client shows only with the next write', async () => {
    await expectExact('settled')
    const before = (await read(A, 'sales')).cards.leads.real
    // A raw connection, as a DBA's hand-typed SQL would be: nothing bumps the version.
    const raw = await mysql.createConnection({ uri: inject('databaseURL'), timezone: 'Z' })
    try {
      await raw.query('INSERT INTO leads (student_name, stage_id, assigned_to, created_at, updated_at) VALUES (?, ?, ?, ?, ?)', ['Tembolok D6', await stageId('prospect'), viewer.sales!.id, at(`${M}-26T09:00:00`), new Date()])
    }
    finally {
      await raw.end()
    }
    expect((await read(A, 'sales')).cards.leads.real).toBe(before)
    expect((await read(B, 'sales')).cards.leads.real).toBe(before)
    // Any write through the client moves the version on, and the row is counted from then on.
    await db.update(leads).set({ studentName: 'Tembolok D1' }).where(eq(leads.id, lead.D1!))
    expect((await read(A, 'sales')).cards.leads.real).toBe(before + 1)
    expect((await read(B, 'sales')).cards.leads.real).toBe(before + 1)
    await expectExact('after the next write')
  })

  it('counts a follow-up as overdue the moment it falls due, with no write in between', async () => {
    const due = new Date(Date.now() + 2500)
    expect((await call('PATCH', `/api/leads/${lead.D4}`, { token: token.owner, body: { nextFollowUpAt: due.toISOString() } })).status).toBe(200)
    const before = mine(await read(A, 'sales')).overdue
    expect(mine(await read(B, 'owner')).overdue).toBe(before)
    await expectExact('follow-up set')
    await new Promise(r => setTimeout(r, due.getTime() - Date.now() + 50))
    expect(mine(await read(A, 'sales')).overdue).toBe(before + 1)
    expect(mine(await read(B, 'owner')).overdue).toBe(before + 1)
    await expectExact('follow-up fallen due')
  })
})

import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { activities, auditLogs, enrollments, leads, leadStageHistory, pipelineStages, programs, users } from '../../server/db/schema'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

const { db, pool } = testDb()
afterAll(() => pool.end())

const token: Record<string, string> = {}
const user: Record<string, number> = {}
const stage: Record<string, number> = {}
let programId: number
/** Leads of this file carry this grade, so the board can be filtered to them alone. */
const GRADE = 'UJI-PIPE'

async function make(studentName: string, by: string, extra: Record<string, unknown> = {}): Promise<number> {
  const res = await call('POST', '/api/leads', { token: token[by], body: { studentName, grade: GRADE, ...extra } })
  expect(res.status).toBe(201)
  return res.body.id as number
}

const board = (by: string, params = '') => call('GET', `/api/pipeline/board?grade=${GRADE}${params}`, { token: token[by] })
const column = (body: any, id: number) => body.columns.find((c: any) => c.stage.id === id)
const move = (body: Record<string, unknown>, by = 'admin') => call('POST', '/api/pipeline/move', { token: token[by], body })

beforeAll(async () => {
  for (const name of ['owner', 'manager', 'admin', 'sales', 'sales2']) token[name] = await login(`${name}@demo.test`)
  for (const u of await db.select().from(users)) user[u.email.split('@')[0]!] = u.id
  for (const s of await db.select().from(pipelineStages)) stage[s.code] = s.id
  const [program] = await db.select().from(programs).where(eq(programs.active, true)).limit(1)
  programId = program!.id
  await make('Papan Satu', 'admin', { stageId: stage.interested, expectedValue: 1_000_000 })
  await make('Papan Dua', 'admin', { stageId: stage.interested, expectedValue: 3_000_001 })
  await make('Papan Tiga', 'sales', { stageId: stage.negotiation, expectedValue: 2_000_000 })
  await make('Papan Empat', 'sales2', { stageId: stage.prospect, expectedValue: 500_000 })
})

describe('GET /api/pipeline/board', () => {
  it('answers every active stage in order with counts, sums and probability-weighted sums', async () => {
    const res = await board('admin')
    expect(res.status).toBe(200)
    const positions = res.body.columns.map((c: any) => c.stage.position)
    expect(positions).toEqual([...positions].sort((a: number, b: number) => a - b))
    expect(column(res.body, stage.interested!)).toMatchObject({ count: 2, totalValue: 4_000_001, weightedValue: 2_000_001 })
    expect(column(res.body, stage.negotiation!)).toMatchObject({ count: 1, totalValue: 2_000_000, weightedValue: 1_500_000 })
    expect(column(res.body, stage.prospect!)).toMatchObject({ count: 1, totalValue: 500_000, weightedValue: 50_000 })
    const card = column(res.body, stage.interested!).items[0]
    expect(Object.keys(card)).toEqual(expect.arrayContaining(['studentName', 'school', 'grade', 'program', 'assignee', 'expectedValue', 'nextFollowUpAt', 'stale']))
    expect(card.stale).toBe(false)
  })

  it('Sales/CS see only their own cards and sums; filters apply', async () => {
    const res = await board('sales')
    const counts = res.body.columns.map((c: any) => c.count)
    expect(counts.reduce((a: number, b: number) => a + b, 0)).toBe(1)
    expect(column(res.body, stage.negotiation!).items[0].assignee.id).toBe(user.sales)
    const filtered = await board('admin', `&assignee=${user.sales2}`)
    expect(filtered.body.columns.reduce((a: number, c: any) => a + c.count, 0)).toBe(1)
    const search = await board('admin', '&q=Papan%20Du')
    expect(column(search.body, stage.interested!)).toMatchObject({ count: 1, totalValue: 3_000_001 })
  })

  it('pages a column with a keyset cursor', async () => {
    const first = await board('admin', `&perColumn=1&stageId=${stage.interested}`)
    expect(first.body.columns).toHaveLength(1)
    const col = first.body.columns[0]
    expect(col.items).toHaveLength(1)
    expect(col.nextCursor).toBeTruthy()
    const next = await board('admin', `&perColumn=1&stageId=${stage.interested}&cursor=${col.nextCursor}`)
    const col2 = next.body.columns[0]
    expect(col2.items).toHaveLength(1)
    expect(col2.items[0].id).not.toBe(col.items[0].id)
    expect(col2.nextCursor).toBeNull()
    expect((await board('admin', '&perColumn=500')).status).toBe(400)
  })

  it('marks cards stale after the configured days without activity', async () => {
    const id = await make('Papan Basi', 'admin', { stageId: stage.follow_up })
    await db.update(leads).set({ createdAt: new Date(Date.now() - 10 * 86_400_000) }).where(eq(leads.id, id))
    const card = () => board('admin').then(r => column(r.body, stage.follow_up!).items.find((c: any) => c.id === id))
    expect((await card()).stale).toBe(true)
    expect((await call('PUT', '/api/pipeline/settings', { token: token.manager, body: { staleDays: 14 } })).body).toEqual({ staleDays: 14 })
    expect((await card()).stale).toBe(false)
    await db.update(leads).set({ lastActivityAt: new Date(Date.now() - 20 * 86_400_000) }).where(eq(leads.id, id))
    expect((await card()).stale).toBe(true)
    expect((await call('GET', '/api/pipeline/settings', { token: token.owner })).body).toEqual({ staleDays: 14 })
    expect((await call('PUT', '/api/pipeline/settings', { token: token.sales, body: { staleDays: 3 } })).status).toBe(403)
    expect((await call('PUT', '/api/pipeline/settings', { token: token.owner, body: { staleDays: 0 } })).status).toBe(400)
    await call('PUT', '/api/pipeline/settings', { token: token.owner, body: { staleDays: 7 } })
  })
})

describe('POST /api/pipeline/move', () => {
  it('moves a card and writes the stage history and the audit entry', async () => {
    const id = await make('Pindah Satu', 'admin')
    const res = await move({ leadId: id, stageId: stage.interested })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ leadId: id, stageId: stage.interested, enrollmentId: null })
    const history = await db.select().from(leadStageHistory).where(eq(leadStageHistory.leadId, id))
    expect(history.some(h => h.fromStageId === stage.prospect && h.toStageId === stage.interested && h.changedBy === user.admin)).toBe(true)
    const audits = await db.select().from(auditLogs).where(and(eq(auditLogs.entity, 'lead'), eq(auditLogs.entityId, String(id)), eq(auditLogs.action, 'update')))
    expect(audits).toHaveLength(1)
  })

  it('won needs program and amount and creates exactly one enrolment', async () => {
    const id = await make('Pindah Menang', 'admin', { expectedValue: 4_500_000 })
    await db.update(leads).set({ assignedTo: user.sales2 }).where(eq(leads.id, id))
    const bad = await move({ leadId: id, stageId: stage.won })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.data.fieldErrors).sort()).toEqual(['amount', 'programId'])
    const res = await move({ leadId: id, stageId: stage.won, programId, amount: 4_250_000 })
    expect(res.status).toBe(200)
    const rows = await db.select().from(enrollments).where(eq(enrollments.leadId, id))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ programId, amount: 4_250_000, userId: user.sales2, id: res.body.enrollmentId })
    const [lead] = await db.select().from(leads).where(eq(leads.id, id))
    expect(lead!.closedAt).not.toBeNull()
    // Dropping it on won again changes nothing.
    await move({ leadId: id, stageId: stage.won, programId, amount: 4_250_000 })
    expect(await db.$count(enrollments, eq(enrollments.leadId, id))).toBe(1)
  })

  it('lost needs a reason from the list; stores its code and the note as an activity', async () => {
    const id = await make('Pindah Kalah', 'admin')
    expect((await move({ leadId: id, stageId: stage.lost })).body.data.fieldErrors).toHaveProperty('lostReason')
    expect((await move({ leadId: id, stageId: stage.lost, lostReason: 'mahal' })).status).toBe(400)
    expect((await move({ leadId: id, stageId: stage.lost, lostReason: 'competitor', lostNote: 'Bimbel sebelah' })).status).toBe(200)
    const [lead] = await db.select().from(leads).where(eq(leads.id, id))
    expect(lead).toMatchObject({ stageId: stage.lost, lostReason: 'competitor' })
    const notes = await db.select().from(activities).where(eq(activities.leadId, id))
    expect(notes).toMatchObject([{ type: 'note', outcome: 'lost', notes: 'Bimbel sebelah' }])
  })

  it('bad input is a 400 with field errors; nothing written', async () => {
    const id = await make('Pindah Salah', 'admin')
    for (const body of [{}, { leadId: id }, { leadId: 'x', stageId: stage.won }, { leadId: id, stageId: stage.won, programId, amount: 10.5 }, { leadId: id, stageId: stage.won, programId, amount: 0 }, { leadId: id, stageId: 999_999 }]) {
      const res = await move(body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.data.fieldErrors).toBeTruthy()
    }
    expect(await db.$count(leadStageHistory, and(eq(leadStageHistory.leadId, id), eq(leadStageHistory.toStageId, stage.won!)))).toBe(0)
  })

  it('a lead out of scope answers 404, as a missing one', async () => {
    const theirs = await make('Pindah Milik Putri', 'sales2')
    expect((await move({ leadId: theirs, stageId: stage.interested }, 'sales')).status).toBe(404)
    expect((await move({ leadId: 99_999_999, stageId: stage.interested })).status).toBe(404)
    expect((await move({ leadId: theirs, stageId: stage.interested }, 'sales2')).status).toBe(200)
  })
})

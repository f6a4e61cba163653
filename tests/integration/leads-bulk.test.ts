import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { activities, auditLogs, leads, leadStageHistory, pipelineStages, users } from '../../server/db/schema'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

const { db, pool } = testDb()
afterAll(() => pool.end())

let admin: string
let manager: string
const user: Record<string, number> = {}
const stage: Record<string, number> = {}

beforeAll(async () => {
  ;[admin, manager] = await Promise.all([login('admin@demo.test'), login('manager@demo.test')])
  for (const u of await db.select().from(users)) user[u.email.split('@')[0]!] = u.id
  for (const s of await db.select().from(pipelineStages)) stage[s.code] = s.id
})

async function makeLeads(n: number, extra: Record<string, unknown> = {}): Promise<number[]> {
  const ids: number[] = []
  for (let i = 0; i < n; i++) {
    const res = await call('POST', '/api/leads', { token: admin, body: { studentName: `Massal ${i + 1}`, ...extra } })
    expect(res.status).toBe(201)
    ids.push(res.body.id)
  }
  return ids
}

const rows = (ids: number[]) => db.select().from(leads).where(inArray(leads.id, ids)).orderBy(asc(leads.id))
const bulk = (body: Record<string, unknown>, token = admin) => call('POST', '/api/leads/bulk', { token, body })

describe('POST /api/leads/bulk', () => {
  it('assigns, counting only the leads that change, and audits each', async () => {
    const ids = await makeLeads(3)
    await call('PATCH', `/api/leads/${ids[0]}`, { token: admin, body: { assignedTo: user.sales3 } })
    const res = await bulk({ action: 'assign', ids, assignedTo: user.sales3 })
    expect(res.body).toEqual({ updated: 2 })
    expect((await rows(ids)).map(r => r.assignedTo)).toEqual([user.sales3, user.sales3, user.sales3])
    const entries = await db.select().from(auditLogs).where(and(eq(auditLogs.action, 'bulk_update'), inArray(auditLogs.entityId, ids.map(String))))
    expect(entries).toHaveLength(2)
    expect(entries[0]).toMatchObject({ before: { assignedTo: null }, after: { assignedTo: user.sales3 } })
    // Unassign.
    expect((await bulk({ action: 'assign', ids, assignedTo: null })).body).toEqual({ updated: 3 })
  })

  it('moves the stage with one history row per lead; to lost closes them with the reason', async () => {
    const ids = await makeLeads(3)
    const res = await bulk({ action: 'stage', ids, stageId: stage.lost, lostReason: 'Tidak ada respon' })
    expect(res.body).toEqual({ updated: 3 })
    for (const row of await rows(ids)) {
      expect(row).toMatchObject({ stageId: stage.lost, lostReason: 'Tidak ada respon', followUpStatus: 'done', nextFollowUpAt: null })
      expect(row.closedAt).not.toBeNull()
    }
    const moves = await db.select().from(leadStageHistory).where(and(inArray(leadStageHistory.leadId, ids), eq(leadStageHistory.toStageId, stage.lost!)))
    expect(moves).toHaveLength(3)
    expect(moves.every(m => m.fromStageId === stage.prospect && m.changedBy === user.admin)).toBe(true)
    // Reopened in bulk: not closed any more.
    await bulk({ action: 'stage', ids, stageId: stage.negotiation })
    expect((await rows(ids)).every(r => r.closedAt === null && r.lostReason === null)).toBe(true)
  })

  it('deletes with the activities; Manager restores one', async () => {
    const ids = await makeLeads(2)
    await db.insert(activities).values(ids.map(leadId => ({ leadId, type: 'call' as const, occurredAt: new Date() })))
    expect((await bulk({ action: 'delete', ids })).body).toEqual({ updated: 2 })
    expect((await rows(ids)).every(r => r.deletedAt && r.deletedBy === user.admin)).toBe(true)
    expect(await db.$count(activities, and(inArray(activities.leadId, ids), isNotNull(activities.deletedAt)))).toBe(2)
    expect((await call('POST', `/api/leads/${ids[0]}/restore`, { token: manager })).status).toBe(200)
    // A deleted lead is out of reach for further bulk actions.
    expect((await bulk({ action: 'stage', ids, stageId: stage.won })).status).toBe(404)
  })

  it('bad input: 400 with field errors, nothing written', async () => {
    const ids = await makeLeads(1)
    const before = await rows(ids)
    const cases: [Record<string, unknown>, string][] = [
      [{ action: 'stage', ids }, 'stageId'],
      [{ action: 'assign', ids }, 'assignedTo'],
      [{ action: 'delete', ids: [] }, 'ids'],
      [{ action: 'delete', ids: Array.from({ length: 501 }, (_, i) => i + 1) }, 'ids'],
      [{ action: 'delete', ids: ['satu'] }, 'ids'],
    ]
    for (const [body, field] of cases) {
      const res = await bulk(body)
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400)
      expect(res.body.data.fieldErrors[field], field).toBeDefined()
    }
    expect((await bulk({ action: 'archive', ids })).status).toBe(400)
    const unknownStage = await bulk({ action: 'stage', ids, stageId: 999_999 })
    expect(unknownStage.status).toBe(400)
    expect(unknownStage.body.data.fieldErrors.stageId).toBeDefined()
    expect((await bulk({ action: 'assign', ids, assignedTo: 999_999 })).status).toBe(400)
    expect(await rows(ids)).toEqual(before)
  })
})

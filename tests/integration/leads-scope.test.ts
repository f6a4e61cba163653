import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { leads, pipelineStages, users } from '../../server/db/schema'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

const { db, pool } = testDb()
afterAll(() => pool.end())

const token: Record<string, string> = {}
const user: Record<string, number> = {}
const stage: Record<string, number> = {}
let budi: number[] = []
let putri: number
let unassigned: number
/** Leads of this file carry this grade; other files' leads stay out of the counts. */
const GRADE = 'UJI-SCOPE'

beforeAll(async () => {
  for (const name of ['owner', 'manager', 'admin', 'sales', 'sales2']) token[name] = await login(`${name}@demo.test`)
  for (const u of await db.select().from(users)) user[u.email.split('@')[0]!] = u.id
  for (const s of await db.select().from(pipelineStages)) stage[s.code] = s.id
  const make = async (studentName: string, by: string, extra: Record<string, unknown> = {}) => {
    const res = await call('POST', '/api/leads', { token: token[by], body: { studentName, grade: GRADE, ...extra } })
    expect(res.status).toBe(201)
    return res.body.id as number
  }
  budi = [await make('Lingkup Budi Satu', 'sales', { whatsapp: '0817-7000-0001' }), await make('Lingkup Budi Dua', 'sales')]
  putri = await make('Lingkup Putri', 'sales2', { whatsapp: '0817-7000-0002' })
  unassigned = await make('Lingkup Tanpa Pemilik', 'admin')
})

const all = () => [...budi, putri, unassigned].sort()

describe('who sees which leads', () => {
  it('Owner, Manager and Admin list every lead; Sales/CS only their own', async () => {
    for (const role of ['owner', 'manager', 'admin']) {
      const res = await call('GET', `/api/leads?grade=${GRADE}`, { token: token[role] })
      expect(res.body.total, role).toBe(4)
      expect(res.body.items.map((i: any) => i.id).sort(), role).toEqual(all())
    }
    const mine = await call('GET', `/api/leads?grade=${GRADE}`, { token: token.sales })
    expect(mine.body.total).toBe(2)
    expect(mine.body.items.map((i: any) => i.id).sort()).toEqual([...budi].sort())
    const theirs = await call('GET', `/api/leads?grade=${GRADE}`, { token: token.sales2 })
    expect(theirs.body.items.map((i: any) => i.id)).toEqual([putri])
  })

  it('a Sales/CS filter cannot widen the scope: another assignee, unassigned, or their number', async () => {
    for (const query of [`assignee=${user.sales2}`, 'assignee=none', `assignee=${user.sales2},none`, 'q=081770000002']) {
      const res = await call('GET', `/api/leads?grade=${GRADE}&${query}`, { token: token.sales })
      expect(res.body, query).toEqual({ items: [], total: 0 })
    }
  })

  it('every route answers 404 for a lead out of scope, exactly as for a missing one', async () => {
    const missing = 98_765_432
    for (const id of [putri, unassigned, missing]) {
      const get = await call('GET', `/api/leads/${id}`, { token: token.sales })
      const patch = await call('PATCH', `/api/leads/${id}`, { token: token.sales, body: { notes: 'diam-diam' } })
      expect([get.status, patch.status], String(id)).toEqual([404, 404])
      expect(get.body.message).toBe('Prospek tidak ditemukan.')
    }
    const [row] = await db.select().from(leads).where(eq(leads.id, putri))
    expect(row!.notes).toBeNull()
  })

  it('Sales/CS may neither delete nor see the trash; Admin deletes but has no trash', async () => {
    expect((await call('DELETE', `/api/leads/${budi[0]}`, { token: token.sales })).status).toBe(403)
    expect((await call('GET', '/api/leads/trash', { token: token.sales })).status).toBe(403)
    expect((await call('POST', `/api/leads/${budi[0]}/restore`, { token: token.sales })).status).toBe(403)
    expect((await call('GET', '/api/leads/trash', { token: token.admin })).status).toBe(403)
    expect((await call('GET', '/api/leads/trash', { token: token.manager })).status).toBe(200)
    expect((await call('GET', '/api/leads/trash', { token: token.owner })).status).toBe(200)
  })
})

describe('bulk actions keep to the scope', () => {
  it('one lead out of scope among the ids: 404 and nothing changes', async () => {
    const before = await db.select().from(leads).where(inArray(leads.id, all()))
    const res = await call('POST', '/api/leads/bulk', { token: token.sales, body: { action: 'stage', ids: [...budi, putri], stageId: stage.interested } })
    expect(res.status).toBe(404)
    const missing = await call('POST', '/api/leads/bulk', { token: token.admin, body: { action: 'stage', ids: [...budi, 98_765_432], stageId: stage.interested } })
    expect(missing.status).toBe(404)
    expect(await db.select().from(leads).where(inArray(leads.id, all()))).toEqual(before)
  })

  it('Sales/CS move their own leads in bulk, but may not bulk assign or delete', async () => {
    const res = await call('POST', '/api/leads/bulk', { token: token.sales, body: { action: 'stage', ids: budi, stageId: stage.follow_up } })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ updated: 2 })
    expect((await call('POST', '/api/leads/bulk', { token: token.sales, body: { action: 'assign', ids: budi, assignedTo: user.sales } })).status).toBe(403)
    expect((await call('POST', '/api/leads/bulk', { token: token.sales, body: { action: 'delete', ids: budi } })).status).toBe(403)
  })

  it('check-phone does not tell a Sales/CS user whose number it is', async () => {
    expect((await call('GET', '/api/leads/check-phone?whatsapp=0817-7000-0002', { token: token.sales })).body).toEqual({ normalized: '+6281770000002', duplicate: null, taken: true })
    expect((await call('GET', '/api/leads/check-phone?whatsapp=0817-7000-0002', { token: token.admin })).body.duplicate).toEqual({ id: putri, studentName: 'Lingkup Putri' })
  })
})

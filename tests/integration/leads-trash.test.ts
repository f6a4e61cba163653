import { and, asc, desc, eq, isNotNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { activities, auditLogs, leads, users } from '../../server/db/schema'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

const { db, pool } = testDb()
afterAll(() => pool.end())

let admin: string
let manager: string
let owner: string
const user: Record<string, number> = {}

beforeAll(async () => {
  ;[admin, manager, owner] = await Promise.all([login('admin@demo.test'), login('manager@demo.test'), login('owner@demo.test')])
  for (const u of await db.select().from(users)) user[u.email.split('@')[0]!] = u.id
})

async function leadWithActivities(studentName: string, whatsapp?: string) {
  const res = await call('POST', '/api/leads', { token: admin, body: { studentName, whatsapp, assignedTo: user.sales } })
  expect(res.status).toBe(201)
  const id = res.body.id as number
  const at = new Date()
  await db.insert(activities).values([
    { leadId: id, userId: user.sales, type: 'call', outcome: 'answered', notes: 'Telepon pertama', occurredAt: at },
    { leadId: id, userId: user.sales, type: 'chat', notes: 'Kirim brosur', occurredAt: at },
    // Deleted on its own, earlier: must stay deleted when the lead comes back.
    { leadId: id, userId: user.sales, type: 'note', notes: 'Catatan salah', occurredAt: at, deletedAt: new Date(Date.now() - 3_600_000), deletedBy: user.sales },
  ])
  return id
}

const activityState = (leadId: number) => db.select({ notes: activities.notes, deletedAt: activities.deletedAt }).from(activities)
  .where(eq(activities.leadId, leadId)).orderBy(asc(activities.id))

describe('soft delete, trash and restore', () => {
  it('DELETE hides the lead and its activities, stamped with one instant, and audits it', async () => {
    const id = await leadWithActivities('Masuk Tempat Sampah', '0819-9000-0001')
    const res = await call('DELETE', `/api/leads/${id}`, { token: admin })
    expect(res.status).toBe(204)
    const [row] = await db.select().from(leads).where(eq(leads.id, id))
    expect(row!.deletedAt).not.toBeNull()
    expect(row!.deletedBy).toBe(user.admin)
    const acts = await activityState(id)
    expect(acts.every(a => a.deletedAt)).toBe(true)
    expect(acts[0]!.deletedAt!.getTime()).toBe(row!.deletedAt!.getTime())
    expect(acts[1]!.deletedAt!.getTime()).toBe(row!.deletedAt!.getTime())
    expect(acts[2]!.deletedAt!.getTime()).not.toBe(row!.deletedAt!.getTime())

    expect((await call('GET', `/api/leads/${id}`, { token: owner })).status).toBe(404)
    expect((await call('PATCH', `/api/leads/${id}`, { token: owner, body: { notes: 'x' } })).status).toBe(404)
    expect((await call('DELETE', `/api/leads/${id}`, { token: admin })).status).toBe(404)
    const listed = await call('GET', `/api/leads?q=${encodeURIComponent('Masuk Tempat Sampah')}`, { token: owner })
    expect(listed.body.total).toBe(0)

    const [entry] = await db.select().from(auditLogs).where(and(eq(auditLogs.entity, 'lead'), eq(auditLogs.entityId, String(id)))).orderBy(desc(auditLogs.id)).limit(1)
    expect(entry).toMatchObject({ action: 'delete', userId: user.admin, before: { deletedAt: null }, after: { deletedBy: user.admin } })
  })

  it('the trash lists deleted leads, newest first, paged, for Manager and Owner', async () => {
    const a = await leadWithActivities('Sampah Pertama')
    const b = await leadWithActivities('Sampah Kedua')
    await call('DELETE', `/api/leads/${a}`, { token: admin })
    await call('DELETE', `/api/leads/${b}`, { token: admin })
    // Other test files delete leads at the same time: compare positions and bound the total by counts around the call.
    const before = await db.$count(leads, isNotNull(leads.deletedAt))
    const res = await call('GET', '/api/leads/trash', { token: manager })
    const after = await db.$count(leads, isNotNull(leads.deletedAt))
    expect(res.status).toBe(200)
    const ids = res.body.items.map((i: any) => i.id)
    expect(ids.indexOf(b)).toBeGreaterThanOrEqual(0)
    expect(ids.indexOf(b)).toBeLessThan(ids.indexOf(a))
    const second = res.body.items[ids.indexOf(b)]
    expect(second).toMatchObject({ studentName: 'Sampah Kedua', deletedBy: { id: user.admin, name: 'Dewi Admin' } })
    expect(second.deletedAt).toEqual(expect.any(String))
    expect(res.body.total).toBeGreaterThanOrEqual(before)
    expect(res.body.total).toBeLessThanOrEqual(after)
    expect((await call('GET', '/api/leads/trash?pageSize=10', { token: owner })).status).toBe(400)
  })

  it('restore brings back the lead and exactly the activities deleted with it, audited', async () => {
    const id = await leadWithActivities('Dipulihkan', '0819-9000-0002')
    await call('DELETE', `/api/leads/${id}`, { token: admin })
    expect((await call('POST', `/api/leads/${id}/restore`, { token: admin })).status).toBe(403)
    const res = await call('POST', `/api/leads/${id}/restore`, { token: manager })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id, studentName: 'Dipulihkan', whatsapp: '0819-9000-0002' })
    const acts = await activityState(id)
    expect(acts.map(a => [a.notes, a.deletedAt === null])).toEqual([['Telepon pertama', true], ['Kirim brosur', true], ['Catatan salah', false]])
    expect((await call('GET', `/api/leads/${id}`, { token: admin })).status).toBe(200)
    const [entry] = await db.select().from(auditLogs).where(and(eq(auditLogs.entity, 'lead'), eq(auditLogs.entityId, String(id)))).orderBy(desc(auditLogs.id)).limit(1)
    expect(entry).toMatchObject({ action: 'restore', userId: user.manager, after: { deletedAt: null } })
    // Only a deleted lead can be restored.
    expect((await call('POST', `/api/leads/${id}/restore`, { token: manager })).status).toBe(404)
    expect((await call('POST', '/api/leads/98765432/restore', { token: manager })).status).toBe(404)
  })

  it('restoring a lead whose number was taken meanwhile needs the explicit choice', async () => {
    const id = await leadWithActivities('Nomor Diambil', '0819-9000-0003')
    await call('DELETE', `/api/leads/${id}`, { token: admin })
    const taker = await call('POST', '/api/leads', { token: admin, body: { studentName: 'Pengambil Nomor', whatsapp: '081990000003' } })
    expect(taker.status).toBe(201)
    const clash = await call('POST', `/api/leads/${id}/restore`, { token: owner })
    expect(clash.status).toBe(409)
    expect(clash.body.data.duplicate).toEqual({ id: taker.body.id, studentName: 'Pengambil Nomor' })
    const [still] = await db.select().from(leads).where(eq(leads.id, id))
    expect(still!.deletedAt).not.toBeNull()
    expect((await call('POST', `/api/leads/${id}/restore`, { token: owner, body: { allowDuplicate: true } })).status).toBe(200)
  })
})

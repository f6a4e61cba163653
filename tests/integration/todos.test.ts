import { and, desc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLogs, reminders, todos, users } from '../../server/db/schema'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

const { db, pool } = testDb()
afterAll(() => pool.end())

let sales: string
let sales2: string
let admin: string
const user: Record<string, number> = {}
let ownLead: number
let otherLead: number

beforeAll(async () => {
  ;[sales, sales2, admin] = await Promise.all([login('sales@demo.test'), login('sales2@demo.test'), login('admin@demo.test')])
  for (const u of await db.select().from(users)) user[u.email.split('@')[0]!] = u.id
  const mine = await call('POST', '/api/leads', { token: admin, body: { studentName: 'Raka Todo Budi', assignedTo: user.sales } })
  const theirs = await call('POST', '/api/leads', { token: admin, body: { studentName: 'Sinta Todo Putri', assignedTo: user.sales2 } })
  ownLead = mine.body.id
  otherLead = theirs.body.id
})

const reminderOf = async (id: number) => (await db.select().from(reminders).where(and(eq(reminders.kind, 'todo'), eq(reminders.subjectId, id))))[0]
const auditsOf = (id: number) => db.select().from(auditLogs).where(and(eq(auditLogs.entity, 'todo'), eq(auditLogs.entityId, String(id)))).orderBy(desc(auditLogs.id))

describe('to-do CRUD', () => {
  it('creates a to-do with a lead, priority by name and a reminder when due; lists it; audits it', async () => {
    const res = await call('POST', '/api/todos', {
      token: sales,
      body: { title: '  Telepon ortu Raka ', leadId: ownLead, priority: 'high', dueAt: '2026-12-03T10:00:00+07:00', notes: 'Tanya jadwal' },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      title: 'Telepon ortu Raka', priority: 3, notes: 'Tanya jadwal', lead: { id: ownLead, studentName: 'Raka Todo Budi' },
      dueAt: '2026-12-03T03:00:00.000Z', remindAt: null, done: false, doneAt: null,
    })
    const reminder = await reminderOf(res.body.id)
    expect(reminder).toMatchObject({ status: 'pending', userId: user.sales })
    expect(reminder!.remindAt.toISOString()).toBe('2026-12-03T03:00:00.000Z')

    const [entry] = await auditsOf(res.body.id)
    expect(entry).toMatchObject({ action: 'create', userId: user.sales })

    const list = await call('GET', '/api/todos', { token: sales })
    expect(list.status).toBe(200)
    expect(list.body.items.map((t: { id: number }) => t.id)).toContain(res.body.id)
    expect(list.body.counts.open).toBeGreaterThan(0)
  })

  it('takes an explicit remind time, moves it with the due time, and re-arms a fired reminder on reschedule', async () => {
    const created = await call('POST', '/api/todos', {
      token: sales, body: { title: 'Kirim brosur', priority: 4, dueAt: '2026-12-05T09:00:00+07:00', remindAt: '2026-12-05T08:30:00+07:00' },
    })
    expect(created.status).toBe(201)
    const id = created.body.id
    expect((await reminderOf(id))!.remindAt.toISOString()).toBe('2026-12-05T01:30:00.000Z')

    // The scheduler fired it; moving the to-do makes it pending again, still 30 minutes before.
    await db.update(reminders).set({ status: 'fired', firedAt: new Date() }).where(and(eq(reminders.kind, 'todo'), eq(reminders.subjectId, id)))
    const moved = await call('PATCH', `/api/todos/${id}`, { token: sales, body: { dueAt: '2026-12-07T14:00:00+07:00' } })
    expect(moved.status).toBe(200)
    expect(moved.body).toMatchObject({ dueAt: '2026-12-07T07:00:00.000Z', remindAt: '2026-12-07T06:30:00.000Z' })
    expect(await reminderOf(id)).toMatchObject({ status: 'pending', firedAt: null })
    expect((await reminderOf(id))!.remindAt.toISOString()).toBe('2026-12-07T06:30:00.000Z')

    // Clearing the remind time falls back to the due time.
    const cleared = await call('PATCH', `/api/todos/${id}`, { token: sales, body: { remindAt: null } })
    expect(cleared.body.remindAt).toBeNull()
    expect((await reminderOf(id))!.remindAt.toISOString()).toBe('2026-12-07T07:00:00.000Z')
  })

  it('done cancels the reminder, undone brings it back; delete cancels it and hides the to-do', async () => {
    const { body: todo } = await call('POST', '/api/todos', { token: sales, body: { title: 'Follow-up brosur', dueAt: '2026-12-10T16:00:00+07:00' } })
    const done = await call('PATCH', `/api/todos/${todo.id}`, { token: sales, body: { done: true } })
    expect(done.status).toBe(200)
    expect(done.body.done).toBe(true)
    expect(done.body.doneAt).not.toBeNull()
    expect((await reminderOf(todo.id))!.status).toBe('cancelled')

    const doneList = await call('GET', '/api/todos?status=done', { token: sales })
    expect(doneList.body.items.map((t: { id: number }) => t.id)).toContain(todo.id)
    const openList = await call('GET', '/api/todos?status=open', { token: sales })
    expect(openList.body.items.map((t: { id: number }) => t.id)).not.toContain(todo.id)

    const undone = await call('PATCH', `/api/todos/${todo.id}`, { token: sales, body: { done: false } })
    expect(undone.body).toMatchObject({ done: false, doneAt: null })
    expect(await reminderOf(todo.id)).toMatchObject({ status: 'pending' })

    const removed = await call('DELETE', `/api/todos/${todo.id}`, { token: sales })
    expect(removed.status).toBe(204)
    expect((await reminderOf(todo.id))!.status).toBe('cancelled')
    expect((await call('GET', `/api/todos/${todo.id}`, { token: sales })).status).toBe(404)
    const [row] = await db.select().from(todos).where(eq(todos.id, todo.id))
    expect(row!.deletedAt).not.toBeNull()
    expect((await auditsOf(todo.id)).map(a => a.action)).toEqual(['delete', 'update', 'update', 'create'])
  })

  it('filters overdue and today among open to-dos', async () => {
    const past = await call('POST', '/api/todos', { token: sales2, body: { title: 'Sudah lewat', dueAt: new Date(Date.now() - 3600_000).toISOString() } })
    const later = await call('POST', '/api/todos', { token: sales2, body: { title: 'Minggu depan', dueAt: new Date(Date.now() + 8 * 86400_000).toISOString() } })
    const overdue = await call('GET', '/api/todos?due=overdue', { token: sales2 })
    expect(overdue.body.items.map((t: { id: number }) => t.id)).toEqual([past.body.id])
    expect(overdue.body.items[0].overdue).toBe(true)
    const all = await call('GET', '/api/todos?status=all', { token: sales2 })
    expect(all.body.items.map((t: { id: number }) => t.id)).toEqual([past.body.id, later.body.id])
    expect(all.body.counts).toMatchObject({ open: 2, done: 0, overdue: 1 })
    expect((await call('GET', '/api/todos?due=soon', { token: sales2 })).status).toBe(400)
  })
})

describe('validation', () => {
  it('answers 400 with field errors and writes nothing', async () => {
    const before = await db.$count(todos)
    const bad = await call('POST', '/api/todos', {
      token: sales, body: { title: '   ', priority: 7, dueAt: '2026-12-03 10:00', remindAt: 'besok', done: 'ya' },
    })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.data.fieldErrors).sort()).toEqual(['done', 'dueAt', 'priority', 'remindAt', 'title'])
    const noOffset = await call('POST', '/api/todos', { token: sales, body: { title: 'Tanpa zona', dueAt: '2026-12-03T10:00:00' } })
    expect(noOffset.status).toBe(400)
    expect(noOffset.body.data.fieldErrors.dueAt).toBeDefined()
    expect(await db.$count(todos)).toBe(before)
  })

  it('refuses an empty or invalid edit without changing the row', async () => {
    const { body: todo } = await call('POST', '/api/todos', { token: sales, body: { title: 'Tetap sama', priority: 1 } })
    expect((await call('PATCH', `/api/todos/${todo.id}`, { token: sales, body: {} })).status).toBe(400)
    const bad = await call('PATCH', `/api/todos/${todo.id}`, { token: sales, body: { title: 'Baru', priority: 'asap' } })
    expect(bad.status).toBe(400)
    expect(bad.body.data.fieldErrors.priority).toBeDefined()
    const [row] = await db.select().from(todos).where(eq(todos.id, todo.id))
    expect(row).toMatchObject({ title: 'Tetap sama', priority: 1 })
  })
})

describe('ownership and lead scope', () => {
  it('a to-do is its owner\'s only: anyone else gets 404 and changes nothing', async () => {
    const { body: todo } = await call('POST', '/api/todos', { token: sales, body: { title: 'Rahasia Budi', dueAt: '2026-12-12T09:00:00+07:00' } })
    for (const token of [sales2, admin]) {
      expect((await call('GET', `/api/todos/${todo.id}`, { token })).status).toBe(404)
      expect((await call('PATCH', `/api/todos/${todo.id}`, { token, body: { title: 'Diambil alih' } })).status).toBe(404)
      expect((await call('DELETE', `/api/todos/${todo.id}`, { token })).status).toBe(404)
      const list = await call('GET', '/api/todos?status=all', { token })
      expect(list.body.items.map((t: { id: number }) => t.id)).not.toContain(todo.id)
    }
    const [row] = await db.select().from(todos).where(eq(todos.id, todo.id))
    expect(row).toMatchObject({ title: 'Rahasia Budi', deletedAt: null })
    expect(await reminderOf(todo.id)).toMatchObject({ status: 'pending', userId: user.sales })
  })

  it('leadId must be a lead in the user\'s scope: 400 on leadId, nothing written', async () => {
    const before = await db.$count(todos)
    for (const leadId of [otherLead, 999_999_999]) {
      const res = await call('POST', '/api/todos', { token: sales, body: { title: 'Lead orang lain', leadId } })
      expect(res.status).toBe(400)
      expect(res.body.data.fieldErrors.leadId).toEqual(['Prospek tidak ditemukan'])
    }
    expect(await db.$count(todos)).toBe(before)

    const { body: todo } = await call('POST', '/api/todos', { token: sales, body: { title: 'Ganti lead', leadId: ownLead, dueAt: '2026-12-15T09:00:00+07:00' } })
    const moved = await call('PATCH', `/api/todos/${todo.id}`, { token: sales, body: { leadId: otherLead, dueAt: '2026-12-16T09:00:00+07:00' } })
    expect(moved.status).toBe(400)
    const [row] = await db.select().from(todos).where(eq(todos.id, todo.id))
    expect(row!.leadId).toBe(ownLead)
    expect(row!.dueAt!.toISOString()).toBe('2026-12-15T02:00:00.000Z')
    expect((await reminderOf(todo.id))!.remindAt.toISOString()).toBe('2026-12-15T02:00:00.000Z')

    // Admin sees every lead, so may tie a to-do to Putri's.
    expect((await call('POST', '/api/todos', { token: admin, body: { title: 'Cek Sinta', leadId: otherLead } })).status).toBe(201)
  })
})

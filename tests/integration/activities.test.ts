import { and, desc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { activities, auditLogs, leads, notifications, pipelineStages, reminders, users } from '../../server/db/schema'
import type { ActivityItem, ActivityResult } from '../../shared/types/activities'
import type { TimelineActivityItem, TimelineItem } from '../../shared/types/timeline'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

const { db, pool } = testDb()
afterAll(() => pool.end())

const token: Record<string, string> = {}
type Who = 'owner' | 'manager' | 'admin' | 'admin2' | 'sales' | 'sales2'
const user = {} as Record<Who, number>
const stage: Record<string, number> = {}

beforeAll(async () => {
  for (const name of ['owner', 'manager', 'admin', 'admin2', 'sales', 'sales2']) token[name] = await login(`${name}@demo.test`)
  for (const u of await db.select().from(users)) user[u.email.split('@')[0] as Who] = u.id
  for (const s of await db.select().from(pipelineStages)) stage[s.code] = s.id
})

const HOUR = 3_600_000
const inHours = (h: number) => new Date(Date.now() + h * HOUR)
/** ISO 8601 with the Jakarta offset, as the form sends it. */
const wib = (d: Date) => `${new Date(d.getTime() + 7 * HOUR).toISOString().slice(0, 19)}+07:00`

async function makeLead(studentName: string, assignedTo: number | null, by = 'admin'): Promise<number> {
  const res = await call('POST', '/api/leads', { token: token[by], body: { studentName, assignedTo } })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.id
}
const leadRow = async (id: number) => (await db.select().from(leads).where(eq(leads.id, id)))[0]!
const reminderOf = async (id: number) => (await db.select().from(reminders).where(and(eq(reminders.kind, 'follow_up'), eq(reminders.subjectId, id))))[0]
const changedNotes = (userId: number, leadId: number) => db.select().from(notifications)
  .where(and(eq(notifications.userId, userId), eq(notifications.leadId, leadId), eq(notifications.type, 'lead_changed')))
const log = (id: number, as: string, body: Record<string, unknown>) => call<ActivityResult>('POST', `/api/leads/${id}/activities`, { token: token[as], body })
const list = (id: number, as: string) => call<{ items: ActivityItem[] }>('GET', `/api/leads/${id}/activities`, { token: token[as] })

describe('POST /api/leads/:id/activities', () => {
  it('logs a call with a next action: the lead gets its last activity, next follow-up, status and reminder, all audited', async () => {
    const id = await makeLead('Aktivitas Telepon', user.sales)
    const happenedAt = new Date(Date.now() - 10 * 60_000)
    const due = inHours(20)
    const res = await log(id, 'sales', {
      type: 'call', outcome: 'interested', notes: 'Minta jadwal kelas UTBK', happenedAt: wib(happenedAt), nextAction: 'Kirim brosur', nextDueAt: wib(due),
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.activity).toMatchObject({
      leadId: id, type: 'call', outcome: 'interested', notes: 'Minta jadwal kelas UTBK', nextAction: 'Kirim brosur',
      by: { id: user.sales, name: 'Budi Sales' }, canEdit: true,
    })
    expect(new Date(res.body.activity.happenedAt).getTime()).toBe(Math.floor(happenedAt.getTime() / 1000) * 1000)
    expect(new Date(res.body.activity.nextDueAt!).getTime()).toBe(Math.floor(due.getTime() / 1000) * 1000)

    const row = await leadRow(id)
    expect(row.nextFollowUpAt?.getTime()).toBe(Math.floor(due.getTime() / 1000) * 1000)
    expect(row.lastActivityAt?.getTime()).toBe(Math.floor(happenedAt.getTime() / 1000) * 1000)
    expect(row.followUpStatus).toBe('scheduled')
    expect(res.body.lead).toMatchObject({ id, followUpStatus: 'scheduled', nextFollowUpAt: row.nextFollowUpAt!.toISOString() })

    const reminder = await reminderOf(id)
    expect(reminder).toMatchObject({ userId: user.sales, status: 'pending' })
    expect(reminder!.remindAt.getTime()).toBe(row.nextFollowUpAt!.getTime())

    const entries = await db.select().from(auditLogs).where(eq(auditLogs.userId, user.sales)).orderBy(desc(auditLogs.id)).limit(2)
    expect(entries.map(e => `${e.entity}:${e.action}`).sort()).toEqual(['activity:create', 'lead:activity'])
    // Logged by the assignee: nobody else to tell.
    expect(await changedNotes(user.sales, id)).toHaveLength(0)
  })

  it('sets the follow-up status from the outcome when no next date is given, and keeps the next follow-up', async () => {
    const id = await makeLead('Aktivitas Tanpa Jawaban', user.admin)
    const due = inHours(30)
    expect((await call('PATCH', `/api/leads/${id}`, { token: token.admin, body: { nextFollowUpAt: due.toISOString() } })).status).toBe(200)
    expect((await log(id, 'admin', { type: 'call', outcome: 'no_answer' })).status).toBe(201)
    let row = await leadRow(id)
    expect(row.followUpStatus).toBe('no_response')
    expect(row.nextFollowUpAt?.getTime()).toBe(due.getTime())
    expect(row.lastActivityAt).not.toBeNull()
    expect((await log(id, 'admin', { type: 'chat', outcome: 'connected', notes: 'Dibalas lewat WA' })).status).toBe(201)
    row = await leadRow(id)
    expect(row.followUpStatus).toBe('contacted')
    // A note without an outcome leaves the status alone.
    expect((await log(id, 'admin', { type: 'note', notes: 'Orang tua sedang dinas' })).status).toBe(201)
    expect((await leadRow(id)).followUpStatus).toBe('contacted')
  })

  it('refuses bad input with field errors and writes nothing', async () => {
    const id = await makeLead('Aktivitas Salah Isi', user.sales)
    const before = await leadRow(id)
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'type'],
      [{ type: 'fax' }, 'type'],
      [{ type: 'call' }, 'outcome'],
      [{ type: 'call', outcome: 'maybe' }, 'outcome'],
      [{ type: 'note', happenedAt: '2026-01-01 10:00' }, 'happenedAt'],
      [{ type: 'note', happenedAt: wib(inHours(5)) }, 'happenedAt'],
      [{ type: 'note', nextAction: 'Telepon lagi' }, 'nextDueAt'],
      [{ type: 'note', nextDueAt: wib(inHours(-2)) }, 'nextDueAt'],
      [{ type: 'note', nextDueAt: '2030-01-05T09:00:00' }, 'nextDueAt'],
      [{ type: 'call', outcome: 'connected', happenedAt: 'kemarin', nextDueAt: wib(inHours(5)) }, 'happenedAt'],
      [{ type: 'note', notes: 'x'.repeat(5001) }, 'notes'],
    ]
    for (const [body, field] of cases) {
      const res = await log(id, 'sales', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(Object.keys((res.body as any).data.fieldErrors), JSON.stringify(body)).toContain(field)
    }
    expect(await db.$count(activities, eq(activities.leadId, id))).toBe(0)
    expect(await leadRow(id)).toEqual(before)
    expect(await reminderOf(id)).toBeUndefined()
  })

  it('is in the lead scope for every role: Sales/CS only on their own leads (404), others anywhere', async () => {
    const budi = await makeLead('Aktivitas Lingkup Budi', user.sales)
    const putri = await makeLead('Aktivitas Lingkup Putri', user.sales2)
    expect((await log(putri, 'sales', { type: 'note', notes: 'bukan milik saya' })).status).toBe(404)
    expect((await list(putri, 'sales')).status).toBe(404)
    expect((await log(99_999_999, 'owner', { type: 'note' })).status).toBe(404)
    for (const role of ['owner', 'manager', 'admin', 'sales']) {
      expect((await log(budi, role, { type: 'note', notes: `oleh ${role}` })).status, role).toBe(201)
    }
    expect(await db.$count(activities, eq(activities.leadId, putri))).toBe(0)
    const res = await list(budi, 'sales')
    expect(res.status).toBe(200)
    expect(res.body.items.map(i => i.notes)).toEqual(['oleh sales', 'oleh admin', 'oleh manager', 'oleh owner'])
    // Budi may edit only his own; the Manager anyone's.
    expect(res.body.items.map(i => i.canEdit)).toEqual([true, false, false, false])
    expect((await list(budi, 'manager')).body.items.every(i => i.canEdit)).toBe(true)
    expect((await list(budi, 'admin')).body.items.map(i => i.canEdit)).toEqual([false, true, false, false])
    expect((await call('GET', `/api/leads/${budi}/activities`, { token: '' })).status).toBe(401)
  })

  it('tells the assignee when someone else logs an activity, and no one when the lead is unassigned', async () => {
    const id = await makeLead('Aktivitas Orang Lain', user.sales)
    expect((await log(id, 'manager', { type: 'meeting', outcome: 'interested', notes: 'Datang ke kantor' })).status).toBe(201)
    const notes = await changedNotes(user.sales, id)
    expect(notes).toHaveLength(1)
    expect(notes[0]).toMatchObject({ link: `/leads/${id}`, title: 'Prospek diubah: Aktivitas Orang Lain' })
    expect(notes[0]!.body).toContain('Pak Hendra Manager')
    expect(notes[0]!.body).toContain('pertemuan')

    const none = await makeLead('Aktivitas Tanpa Pemilik', null)
    const count = await db.$count(notifications, eq(notifications.leadId, none))
    expect((await log(none, 'admin', { type: 'call', outcome: 'busy' })).status).toBe(201)
    expect(await db.$count(notifications, eq(notifications.leadId, none))).toBe(count)
  })

  it('takes no next follow-up on a closed lead', async () => {
    const id = await makeLead('Aktivitas Tutup', user.admin)
    expect((await call('PATCH', `/api/leads/${id}`, { token: token.admin, body: { stageId: stage.lost, lostReason: 'price' } })).status).toBe(200)
    const res = await log(id, 'admin', { type: 'call', outcome: 'not_interested', nextAction: 'Coba lagi', nextDueAt: wib(inHours(24)) })
    expect(res.status).toBe(400)
    expect((res.body as any).data.fieldErrors.nextDueAt).toBeDefined()
    expect((await log(id, 'admin', { type: 'call', outcome: 'not_interested' })).status).toBe(201)
    expect((await leadRow(id)).followUpStatus).toBe('done')
  })
})

describe('PATCH and DELETE /api/leads/:id/activities/:activityId', () => {
  it('edits one\'s own activity; moving its due time moves the lead\'s follow-up and reminder', async () => {
    const id = await makeLead('Aktivitas Diubah', user.sales)
    const created = await log(id, 'sales', { type: 'call', outcome: 'callback', nextAction: 'Telepon sore', nextDueAt: wib(inHours(3)) })
    const aid = created.body.activity.id
    const later = inHours(48)
    const res = await call<ActivityResult>('PATCH', `/api/leads/${id}/activities/${aid}`, { token: token.sales, body: { nextDueAt: wib(later), notes: 'Minta ditelepon lusa' } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.activity).toMatchObject({ notes: 'Minta ditelepon lusa', nextAction: 'Telepon sore' })
    const row = await leadRow(id)
    expect(row.nextFollowUpAt?.getTime()).toBe(Math.floor(later.getTime() / 1000) * 1000)
    expect((await reminderOf(id))!.remindAt.getTime()).toBe(row.nextFollowUpAt!.getTime())
    const [entry] = await db.select().from(auditLogs).where(and(eq(auditLogs.entity, 'activity'), eq(auditLogs.entityId, String(aid)), eq(auditLogs.action, 'update')))
    expect(entry!.after).toMatchObject({ notes: 'Minta ditelepon lusa' })

    // Rules hold on the activity as it would be stored: a call cannot lose its outcome.
    const bad = await call('PATCH', `/api/leads/${id}/activities/${aid}`, { token: token.sales, body: { outcome: null } })
    expect(bad.status).toBe(400)
    expect(bad.body.data.fieldErrors.outcome).toBeDefined()
    const empty = await call('PATCH', `/api/leads/${id}/activities/${aid}`, { token: token.sales, body: {} })
    expect(empty.status).toBe(400)

    // Clearing the due time (and its action) clears the lead's follow-up: the reminder is cancelled.
    const cleared = await call('PATCH', `/api/leads/${id}/activities/${aid}`, { token: token.sales, body: { nextAction: null, nextDueAt: null } })
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200)
    expect((await leadRow(id)).nextFollowUpAt).toBeNull()
    expect((await reminderOf(id))!.status).toBe('cancelled')
  })

  it('lets only the author or a Manager/Owner edit and delete; out of scope is 404', async () => {
    const id = await makeLead('Aktivitas Hak Ubah', user.sales)
    const byManager = (await log(id, 'manager', { type: 'note', notes: 'catatan manager' })).body.activity.id
    const bySales = (await log(id, 'sales', { type: 'note', notes: 'catatan budi' })).body.activity.id
    const byAdmin = (await log(id, 'admin', { type: 'note', notes: 'catatan dewi' })).body.activity.id
    expect((await call('PATCH', `/api/leads/${id}/activities/${byManager}`, { token: token.sales, body: { notes: 'x' } })).status).toBe(403)
    expect((await call('DELETE', `/api/leads/${id}/activities/${byManager}`, { token: token.sales })).status).toBe(403)
    expect((await call('PATCH', `/api/leads/${id}/activities/${bySales}`, { token: token.admin2, body: { notes: 'x' } })).status).toBe(403)
    expect((await call('PATCH', `/api/leads/${id}/activities/${bySales}`, { token: token.sales2, body: { notes: 'x' } })).status).toBe(404)
    expect((await call('DELETE', `/api/leads/${id}/activities/${bySales}`, { token: token.sales2 })).status).toBe(404)
    expect((await call('PATCH', `/api/leads/${id}/activities/99999999`, { token: token.owner, body: { notes: 'x' } })).status).toBe(404)
    const other = await makeLead('Aktivitas Lead Lain', user.sales)
    expect((await call('PATCH', `/api/leads/${other}/activities/${bySales}`, { token: token.owner, body: { notes: 'x' } })).status).toBe(404)

    expect((await call('PATCH', `/api/leads/${id}/activities/${byAdmin}`, { token: token.manager, body: { notes: 'dirapikan manager' } })).status).toBe(200)
    expect((await call('PATCH', `/api/leads/${id}/activities/${byManager}`, { token: token.owner, body: { notes: 'dirapikan owner' } })).status).toBe(200)
    expect((await call('DELETE', `/api/leads/${id}/activities/${bySales}`, { token: token.sales })).status).toBe(204)
    expect((await call('DELETE', `/api/leads/${id}/activities/${byAdmin}`, { token: token.owner })).status).toBe(204)
    expect((await call('DELETE', `/api/leads/${id}/activities/${byAdmin}`, { token: token.owner })).status).toBe(404)

    const items = (await list(id, 'owner')).body.items
    expect(items.map(i => i.notes)).toEqual(['dirapikan owner'])
    const [deleted] = await db.select().from(activities).where(eq(activities.id, bySales))
    expect(deleted!.deletedAt).not.toBeNull()
    expect(deleted!.deletedBy).toBe(user.sales)
    expect(await db.$count(auditLogs, and(eq(auditLogs.entity, 'activity'), eq(auditLogs.entityId, String(bySales)), eq(auditLogs.action, 'delete')))).toBe(1)

    // The timeline shows the live activity with its id, and not the deleted ones nor the bookkeeping edits.
    const timeline = await call<{ items: TimelineItem[] }>('GET', `/api/leads/${id}/timeline`, { token: token.owner })
    const acts = timeline.body.items.filter((i): i is TimelineActivityItem => i.kind === 'activity')
    expect(acts.map(a => [a.activityId, a.notes])).toEqual([[byManager, 'dirapikan owner']])
    expect(timeline.body.items.filter(i => i.kind === 'edit')).toEqual([])
  })

  it('puts the lead\'s last activity back on the newest one left after a delete', async () => {
    const id = await makeLead('Aktivitas Terakhir', user.admin)
    const older = new Date(Date.now() - 5 * HOUR)
    await log(id, 'admin', { type: 'call', outcome: 'connected', happenedAt: wib(older) })
    const newest = (await log(id, 'admin', { type: 'chat', outcome: 'connected' })).body.activity.id
    expect((await call('DELETE', `/api/leads/${id}/activities/${newest}`, { token: token.admin })).status).toBe(204)
    expect((await leadRow(id)).lastActivityAt?.getTime()).toBe(Math.floor(older.getTime() / 1000) * 1000)
  })
})

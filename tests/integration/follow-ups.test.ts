import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLogs, leads, notifications, pipelineStages, programs, reminders, users } from '../../server/db/schema'
import type { FollowUpList, FollowUpTeam } from '../../shared/types/activities'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

const { db, pool } = testDb()

const token: Record<string, string> = {}
type Who = 'owner' | 'manager' | 'admin' | 'sales' | 'sales2'
const user = {} as Record<Who, number>
const stage: Record<string, number> = {}
/** Two people of this file only, so the counts here are not disturbed by other files' leads. */
const mine: { id: number, token: string }[] = []
const HOUR = 3_600_000
const DAY = 24 * HOUR
const WIB = 7 * HOUR

beforeAll(async () => {
  for (const name of ['owner', 'manager', 'admin', 'sales', 'sales2']) token[name] = await login(`${name}@demo.test`)
  for (const u of await db.select().from(users)) user[u.email.split('@')[0] as Who] = u.id
  for (const s of await db.select().from(pipelineStages)) stage[s.code] = s.id
  const stamp = Date.now().toString(36)
  for (const n of [1, 2]) {
    const email = `fu${n}-${stamp}@demo.test`
    const res = await call('POST', '/api/users', { token: token.owner, body: { name: `Uji Follow-up ${n}`, email, role: 'sales', password: 'rahasia123' } })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    mine.push({ id: res.body.id, token: await login(email, 'rahasia123') })
  }
})

afterAll(async () => {
  // Out of the way of other files' assignment rounds.
  for (const m of mine) await call('PATCH', `/api/users/${m.id}`, { token: token.owner, body: { active: false } })
  await pool.end()
})

/** The end of today in Jakarta (00:00 WIB tomorrow) as seen from now. */
const jakartaTodayEnd = (now = Date.now()) => Math.floor((now + WIB) / DAY) * DAY - WIB + DAY

async function lead(studentName: string, assignedTo: number | null, nextFollowUpAt: Date | null): Promise<number> {
  const res = await call('POST', '/api/leads', { token: token.owner, body: { studentName, assignedTo, nextFollowUpAt: nextFollowUpAt?.toISOString() ?? null } })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.id
}
const followUps = (query: string, as: string) => call<FollowUpList>('GET', `/api/follow-ups?${query}`, { token: as })
const reminderOf = async (id: number) => (await db.select().from(reminders).where(and(eq(reminders.kind, 'follow_up'), eq(reminders.subjectId, id))))[0]

describe('GET /api/follow-ups', () => {
  const ids = {} as Record<'overdueOld' | 'overdue' | 'today' | 'lastSecond' | 'midnight' | 'none' | 'other' | 'deleted', number> & Record<string, number>

  beforeAll(async () => {
    const now = Date.now()
    const end = jakartaTodayEnd(now)
    const a = mine[0]!.id
    ids.overdueOld = await lead('FU Terlambat Lama', a, new Date(now - 3 * DAY))
    ids.overdue = await lead('FU Terlambat Tadi', a, new Date(now - 60_000))
    ids.today = await lead('FU Hari Ini', a, new Date(Math.min(now + 10 * 60_000, end - 2000)))
    // 23:59:59 WIB is still today; 00:00 WIB is tomorrow, whatever the UTC date says.
    ids.lastSecond = await lead('FU Detik Terakhir', a, new Date(end - 1000))
    ids.midnight = await lead('FU Tengah Malam', a, new Date(end))
    for (let i = 1; i <= 11; i++) ids[`up${i}`] = await lead(`FU Mendatang ${String(i).padStart(2, '0')}`, a, new Date(end + i * DAY))
    ids.none = await lead('FU Tanpa Jadwal', a, null)
    ids.other = await lead('FU Milik Orang Lain', mine[1]!.id, new Date(now - 60_000))
    ids.deleted = await lead('FU Dihapus', a, new Date(now - 60_000))
    expect((await call('DELETE', `/api/leads/${ids.deleted}`, { token: token.owner })).status).toBe(204)
  })

  it('sorts a person\'s follow-ups into overdue, today and upcoming by the Jakarta day, soonest first, with counts', async () => {
    const me = mine[0]!.token
    const overdue = await followUps('bucket=overdue', me)
    expect(overdue.status).toBe(200)
    expect(overdue.body.counts).toEqual({ overdue: 2, today: 2, upcoming: 12 })
    expect(overdue.body.items.map(i => i.studentName)).toEqual(['FU Terlambat Lama', 'FU Terlambat Tadi'])
    expect(overdue.body.total).toBe(2)

    const today = await followUps('bucket=today', me)
    expect(today.body.items.map(i => i.studentName)).toEqual(['FU Hari Ini', 'FU Detik Terakhir'])
    expect(today.body.items[0]).toMatchObject({ id: ids.today, stage: { id: stage.prospect }, assignee: { id: mine[0]!.id }, followUpStatus: 'new' })

    const upcoming = await followUps('bucket=upcoming&pageSize=10', me)
    expect(upcoming.body.total).toBe(12)
    expect(upcoming.body.items).toHaveLength(10)
    expect(upcoming.body.items[0]!.studentName).toBe('FU Tengah Malam')
    const page2 = await followUps('bucket=upcoming&pageSize=10&page=2', me)
    expect(page2.body.items.map(i => i.studentName)).toEqual(['FU Mendatang 10', 'FU Mendatang 11'])
  })

  it('shows the next action written with the activity that set the follow-up', async () => {
    const me = mine[0]!.token
    const due = new Date(jakartaTodayEnd() + 20 * DAY)
    const res = await call('POST', `/api/leads/${ids.none}/activities`, { token: me, body: { type: 'call', outcome: 'callback', nextAction: 'Tanya jadwal tryout', nextDueAt: due.toISOString() } })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const upcoming = await followUps('bucket=upcoming&pageSize=50', me)
    expect(upcoming.body.counts.upcoming).toBe(13)
    expect(upcoming.body.items.at(-1)).toMatchObject({ id: ids.none, nextAction: 'Tanya jadwal tryout', followUpStatus: 'scheduled' })
  })

  it('lets only Manager and Owner look at someone else or the whole team', async () => {
    const other = mine[1]!.id
    for (const role of ['manager', 'owner']) {
      const res = await followUps(`user=${other}&bucket=overdue`, token[role]!)
      expect(res.status, role).toBe(200)
      expect(res.body.items.map(i => i.id), role).toEqual([ids.other])
      const all = await followUps('user=all&bucket=overdue&pageSize=50', token[role]!)
      expect(all.status).toBe(200)
      expect(all.body.counts.overdue).toBeGreaterThanOrEqual(3)
    }
    for (const role of ['admin', 'sales']) {
      expect((await followUps(`user=${other}`, token[role]!)).status, role).toBe(403)
      expect((await followUps('user=all', token[role]!)).status, role).toBe(403)
    }
    // Asking for oneself by id is the same as asking for nothing.
    expect((await followUps(`user=${other}`, mine[1]!.token)).body.items.map(i => i.id)).toEqual([ids.other])
    expect((await followUps('bucket=later', mine[0]!.token)).status).toBe(400)
    expect((await followUps('pageSize=7', mine[0]!.token)).status).toBe(400)
    expect((await followUps('', '')).status).toBe(401)
  })

  it('orders the whole team\'s follow-ups by time, then assignee, then lead, across pages', async () => {
    // Three follow-ups at one instant: the assignee breaks the tie, then the lead.
    const at = new Date(Date.now() - 2 * DAY - 123)
    const [first, second] = [mine[0]!, mine[1]!].sort((x, y) => x.id - y.id)
    const late = await lead('FU Seri B', second!.id, at)
    const early1 = await lead('FU Seri A1', first!.id, at)
    const early2 = await lead('FU Seri A2', first!.id, at)
    const seen: FollowUpList['items'] = []
    for (let page = 1; ; page++) {
      const res = await followUps(`user=all&bucket=overdue&pageSize=25&page=${page}`, token.manager!)
      expect(res.status).toBe(200)
      seen.push(...res.body.items)
      if (res.body.items.length < 25) break
    }
    const key = (i: FollowUpList['items'][number]) => [Date.parse(i.nextFollowUpAt), i.assignee!.id, i.id] as const
    for (let n = 1; n < seen.length; n++) {
      const [a, b] = [key(seen[n - 1]!), key(seen[n]!)]
      expect(a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2]))), `${a} before ${b}`).toBe(true)
    }
    expect(seen.map(i => i.id).filter(id => [late, early1, early2].includes(id))).toEqual([early1, early2, late])
    // To the trash, out of the counts of the tests below.
    for (const id of [late, early1, early2]) expect((await call('DELETE', `/api/leads/${id}`, { token: token.owner })).status).toBe(204)
  })

  it('reschedules a follow-up from the list: the lead moves bucket, the reminder moves, the change is audited', async () => {
    const me = mine[0]!.token
    const later = new Date(jakartaTodayEnd() + 2 * DAY + 9 * HOUR)
    const res = await call('POST', `/api/leads/${ids.overdueOld}/follow-up`, { token: me, body: { nextFollowUpAt: later.toISOString() } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ id: ids.overdueOld, followUpStatus: 'scheduled', nextFollowUpAt: later.toISOString() })
    expect((await followUps('bucket=overdue', me)).body.items.map(i => i.id)).toEqual([ids.overdue])
    expect((await reminderOf(ids.overdueOld))).toMatchObject({ status: 'pending', userId: mine[0]!.id, remindAt: later })
    const entries = await db.select().from(auditLogs).where(and(eq(auditLogs.entity, 'lead'), eq(auditLogs.entityId, String(ids.overdueOld)), eq(auditLogs.action, 'update')))
    expect(entries.at(-1)!.after).toMatchObject({ followUpStatus: 'scheduled' })

    const bad = await call('POST', `/api/leads/${ids.overdueOld}/follow-up`, { token: me, body: { nextFollowUpAt: 'besok' } })
    expect(bad.status).toBe(400)
    expect(bad.body.data.fieldErrors.nextFollowUpAt).toBeDefined()
    expect((await call('POST', `/api/leads/${ids.other}/follow-up`, { token: me, body: { nextFollowUpAt: later.toISOString() } })).status).toBe(404)

    // The Manager moving it tells the assignee.
    expect((await call('POST', `/api/leads/${ids.overdueOld}/follow-up`, { token: token.manager, body: { nextFollowUpAt: null } })).status).toBe(200)
    expect((await reminderOf(ids.overdueOld))!.status).toBe('cancelled')
    const [note] = await db.select().from(notifications).where(and(eq(notifications.leadId, ids.overdueOld), eq(notifications.type, 'lead_changed')))
    expect(note).toMatchObject({ userId: mine[0]!.id, link: `/leads/${ids.overdueOld}` })
    expect(note!.body).toContain('jadwal tindak lanjut')
  })
})

describe('GET /api/follow-ups/team', () => {
  it('counts per person overdue, due today and activities logged this Jakarta week', async () => {
    const [p1, p2] = mine as [{ id: number, token: string }, { id: number, token: string }]
    const now = Date.now()
    const end = jakartaTodayEnd(now)
    const weekStart = end - DAY - ((new Date(end - DAY + WIB).getUTCDay() + 6) % 7) * DAY
    const a = await lead('Tim Terlambat', p2.id, new Date(now - HOUR))
    await lead('Tim Hari Ini', p2.id, new Date(end - 1000))
    await lead('Tim Besok', p2.id, new Date(end + HOUR))
    const log = (body: Record<string, unknown>) => call('POST', `/api/leads/${a}/activities`, { token: p2.token, body: { type: 'note', ...body } })
    expect((await log({ notes: 'minggu ini' })).status).toBe(201)
    expect((await log({ notes: 'awal minggu', happenedAt: new Date(weekStart + 1000).toISOString() })).status).toBe(201)
    expect((await log({ notes: 'minggu lalu', happenedAt: new Date(weekStart - 1000).toISOString() })).status).toBe(201)
    const gone = await log({ notes: 'dihapus' })
    expect((await call('DELETE', `/api/leads/${a}/activities/${gone.body.activity.id}`, { token: p2.token })).status).toBe(204)

    const res = await call<FollowUpTeam>('GET', '/api/follow-ups/team', { token: token.manager })
    expect(res.status).toBe(200)
    expect(res.body.weekStart).toBe(new Date(weekStart).toISOString())
    const row = res.body.rows.find(r => r.user.id === p2.id)
    // The lead from the list test (overdue a minute ago) plus this one.
    expect(row).toEqual({ user: { id: p2.id, name: 'Uji Follow-up 2', role: 'sales' }, overdue: 2, today: 1, doneThisWeek: 2 })
    const first = res.body.rows.find(r => r.user.id === p1.id)!
    expect(first.overdue).toBe(1)
    expect(first.doneThisWeek).toBe(1)
    expect(res.body.rows.some(r => r.user.id === user.sales)).toBe(true)
    expect(res.body.rows.some(r => r.user.id === user.owner && r.overdue === 0 && r.today === 0 && r.doneThisWeek === 0)).toBe(false)

    expect((await call('GET', '/api/follow-ups/team', { token: token.owner })).status).toBe(200)
    expect((await call('GET', '/api/follow-ups/team', { token: token.admin })).status).toBe(403)
    expect((await call('GET', '/api/follow-ups/team', { token: token.sales })).status).toBe(403)
  })
})

describe('the follow-up reminder follows the lead', () => {
  const soon = () => new Date(Date.now() + 2 * DAY)

  it('on create, PATCH of the date or the assignee, and unassigning', async () => {
    const due = soon()
    const id = await lead('Pengingat Buat', user.sales, due)
    expect(await reminderOf(id)).toMatchObject({ userId: user.sales, status: 'pending', remindAt: due })
    const moved = new Date(due.getTime() + HOUR)
    expect((await call('PATCH', `/api/leads/${id}`, { token: token.admin, body: { nextFollowUpAt: moved.toISOString() } })).status).toBe(200)
    expect(await reminderOf(id)).toMatchObject({ userId: user.sales, status: 'pending', remindAt: moved })
    expect((await call('PATCH', `/api/leads/${id}`, { token: token.admin, body: { assignedTo: user.sales2 } })).status).toBe(200)
    expect(await reminderOf(id)).toMatchObject({ userId: user.sales2, status: 'pending', remindAt: moved })
    expect((await call('PATCH', `/api/leads/${id}`, { token: token.admin, body: { assignedTo: null } })).status).toBe(200)
    expect((await reminderOf(id))!.status).toBe('cancelled')
  })

  it('on bulk assign, and is cancelled by a move to won or lost (board, PATCH or bulk)', async () => {
    const ids = [await lead('Pengingat Massal 1', user.sales, soon()), await lead('Pengingat Massal 2', user.sales, soon())]
    expect((await call('POST', '/api/leads/bulk', { token: token.admin, body: { action: 'assign', ids, assignedTo: user.sales2 } })).status).toBe(200)
    for (const id of ids) expect((await reminderOf(id))!.userId).toBe(user.sales2)
    // Handing leads on is told to the new assignee (lead_assigned), not announced to the old one.
    for (const id of ids) {
      expect(await db.$count(notifications, and(eq(notifications.userId, user.sales), eq(notifications.leadId, id), eq(notifications.type, 'lead_changed')))).toBe(0)
    }

    expect((await call('POST', '/api/leads/bulk', { token: token.admin, body: { action: 'stage', ids: [ids[0]], stageId: stage.lost, lostReason: 'price' } })).status).toBe(200)
    expect((await reminderOf(ids[0]!))!.status).toBe('cancelled')
    expect((await db.select().from(leads).where(eq(leads.id, ids[0]!)))[0]!.nextFollowUpAt).toBeNull()

    const [program] = await db.select().from(programs).limit(1)
    const won = await call('POST', '/api/pipeline/move', { token: token.admin, body: { leadId: ids[1], stageId: stage.won, programId: program!.id, amount: 1_500_000 } })
    expect(won.status, JSON.stringify(won.body)).toBe(200)
    expect((await reminderOf(ids[1]!))!.status).toBe('cancelled')
    expect(await db.$count(notifications, and(eq(notifications.userId, user.sales2), eq(notifications.leadId, ids[1]!), eq(notifications.type, 'lead_changed')))).toBe(1)

    const third = await lead('Pengingat PATCH Kalah', user.sales, soon())
    expect((await call('PATCH', `/api/leads/${third}`, { token: token.sales, body: { stageId: stage.lost, lostReason: 'schedule' } })).status).toBe(200)
    expect((await reminderOf(third))!.status).toBe('cancelled')
    // Budi moved his own lead: no news for him.
    expect(await db.$count(notifications, and(eq(notifications.leadId, third), eq(notifications.type, 'lead_changed')))).toBe(0)
  })

  it('is cancelled by a soft delete and comes back pending with a restore', async () => {
    const due = soon()
    const id = await lead('Pengingat Sampah', user.sales, due)
    expect((await call('DELETE', `/api/leads/${id}`, { token: token.admin })).status).toBe(204)
    expect((await reminderOf(id))!.status).toBe('cancelled')
    expect((await call('POST', `/api/leads/${id}/restore`, { token: token.manager })).status).toBe(200)
    expect(await reminderOf(id)).toMatchObject({ status: 'pending', userId: user.sales, remindAt: due })
  })

  it('tells the assignee what someone else changed with PATCH, once per change, and not for their own edits', async () => {
    const id = await lead('Diubah Orang Lain', user.sales, null)
    const count = () => db.$count(notifications, and(eq(notifications.userId, user.sales), eq(notifications.leadId, id), eq(notifications.type, 'lead_changed')))
    expect((await call('PATCH', `/api/leads/${id}`, { token: token.sales, body: { school: 'SMA 3 Bogor' } })).status).toBe(200)
    expect(await count()).toBe(0)
    expect((await call('PATCH', `/api/leads/${id}`, { token: token.admin, body: { school: 'SMA 4 Bogor', stageId: stage.follow_up } })).status).toBe(200)
    expect(await count()).toBe(1)
    const [note] = await db.select().from(notifications).where(and(eq(notifications.leadId, id), eq(notifications.type, 'lead_changed')))
    expect(note).toMatchObject({ title: 'Prospek diubah: Diubah Orang Lain', link: `/leads/${id}` })
    expect(note!.body).toBe('Dewi Admin mengubah sekolah, tahap.')
    // Nothing changed, nothing to tell.
    expect((await call('PATCH', `/api/leads/${id}`, { token: token.admin, body: { school: 'SMA 4 Bogor' } })).status).toBe(200)
    expect(await count()).toBe(1)
  })
})

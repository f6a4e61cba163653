import { and, eq, inArray, isNull, notInArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appSettings, leads, notifications, pipelineStages, users } from '../../server/db/schema'
import { testDb } from '../support/db'
import { call, freshIp, login } from '../support/http'

const { db, pool } = testDb()

let owner: string
let manager: string
let admin: string
let sales: string
let siteKey: string
/** Our three candidates, in id order: everyone else who could take leads is put on leave for this file. */
const cand: { a: number, b: number, c: number } = { a: 0, b: 0, c: 0 }
let tokenA: string
let parked: number[] = []
let savedAssignment: unknown
const stage: Record<string, number> = {}

let seq = 0
const phone = () => `0857${String(9_000_000 + (process.pid % 900) * 1000 + ++seq).padStart(8, '0')}`
const intake = async (name: string) => {
  const res = await call('POST', '/api/intake', { body: { studentName: name, whatsapp: phone() }, headers: { 'x-site-key': siteKey, 'x-forwarded-for': freshIp() } })
  expect(res.status).toBe(201)
  const [row] = await db.select({ id: leads.id, assignedTo: leads.assignedTo }).from(leads).where(eq(leads.id, res.body.id))
  return row!
}
const settings = async (body: Record<string, unknown>) => {
  const res = await call('PUT', '/api/assignment/settings', { token: owner, body })
  expect(res.status).toBe(200)
  return res.body
}
const patchUser = async (id: number, body: Record<string, unknown>) => {
  expect((await call('PATCH', `/api/users/${id}`, { token: owner, body })).status).toBe(200)
}
/** Live leads in open stages, as the assignment counts them. */
const openCount = async (userId: number) => {
  const open = (await db.select({ id: pipelineStages.id }).from(pipelineStages).where(eq(pipelineStages.kind, 'open'))).map(s => s.id)
  return db.$count(leads, and(eq(leads.assignedTo, userId), isNull(leads.deletedAt), inArray(leads.stageId, open)))
}
const notes = (userId: number, leadId: number) => db.select().from(notifications)
  .where(and(eq(notifications.userId, userId), eq(notifications.link, `/leads/${leadId}`)))

beforeAll(async () => {
  ;[owner, manager, admin, sales] = await Promise.all([login('owner@demo.test'), login('manager@demo.test'), login('admin@demo.test'), login('sales@demo.test')])
  for (const s of await db.select().from(pipelineStages)) stage[s.code] = s.id
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, 'assignment'))
  savedAssignment = row?.value

  const stamp = Date.now()
  for (const [key, role] of [['a', 'admin'], ['b', 'sales'], ['c', 'sales']] as const) {
    const res = await call('POST', '/api/users', { token: owner, body: { name: `Penugasan ${key.toUpperCase()}`, email: `assign-${key}-${stamp}@demo.test`, role, password: 'rahasia123', capacity: 50 } })
    expect(res.status).toBe(201)
    cand[key] = res.body.id
  }
  tokenA = await login(`assign-a-${stamp}@demo.test`, 'rahasia123')

  const others = await db.select({ id: users.id }).from(users).where(and(
    eq(users.active, true), eq(users.onLeave, false), inArray(users.role, ['admin', 'sales']), notInArray(users.id, Object.values(cand)),
  ))
  parked = others.map(u => u.id)
  if (parked.length) await db.update(users).set({ onLeave: true }).where(inArray(users.id, parked))

  const site = await call('POST', '/api/intake/sites', { token: owner, body: { name: 'Landing Penugasan' } })
  siteKey = site.body.key
})

afterAll(async () => {
  if (parked.length) await db.update(users).set({ onLeave: false }).where(inArray(users.id, parked))
  await db.update(users).set({ active: false }).where(inArray(users.id, Object.values(cand)))
  if (savedAssignment === undefined) await db.delete(appSettings).where(eq(appSettings.key, 'assignment'))
  else await db.update(appSettings).set({ value: savedAssignment }).where(eq(appSettings.key, 'assignment'))
  await pool.end()
})

describe('assignment settings', () => {
  it('default to least open, enabled; Owner and Manager change them; others may not', async () => {
    await db.delete(appSettings).where(eq(appSettings.key, 'assignment'))
    expect((await call('GET', '/api/assignment/settings', { token: manager })).body).toEqual({ strategy: 'least_open', enabled: true, onManualCreate: false })
    const put = await call('PUT', '/api/assignment/settings', { token: manager, body: { strategy: 'round_robin' } })
    expect(put.status).toBe(200)
    expect(put.body).toEqual({ strategy: 'round_robin', enabled: true, onManualCreate: false })
    expect((await call('GET', '/api/assignment/settings', { token: owner })).body.strategy).toBe('round_robin')

    const bad = await call('PUT', '/api/assignment/settings', { token: owner, body: { strategy: 'random', enabled: 'ya' } })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.data.fieldErrors).sort()).toEqual(['enabled', 'strategy'])
    for (const token of [admin, sales]) {
      expect((await call('GET', '/api/assignment/settings', { token })).status).toBe(403)
      expect((await call('PUT', '/api/assignment/settings', { token, body: { enabled: false } })).status).toBe(403)
    }
  })
})

describe('automatic assignment of intake leads', () => {
  it('least open: fewest open leads first, ties by id, and the assignee is notified', async () => {
    await settings({ strategy: 'least_open', enabled: true })
    // B gets one open lead by hand, and a won one that does not count.
    const manual = await call('POST', '/api/leads', { token: owner, body: { studentName: 'Manual untuk B', assignedTo: cand.b } })
    expect(manual.status).toBe(201)
    expect((await call('POST', '/api/leads', { token: owner, body: { studentName: 'Sudah Daftar B', assignedTo: cand.b, stageId: stage.won } })).status).toBe(201)
    const counts = { a: await openCount(cand.a), b: await openCount(cand.b), c: await openCount(cand.c) }
    expect(counts).toEqual({ a: 0, b: 1, c: 0 })

    const first = await intake('Least Satu')
    const second = await intake('Least Dua')
    const third = await intake('Least Tiga')
    expect([first.assignedTo, second.assignedTo, third.assignedTo]).toEqual([cand.a, cand.c, cand.a])

    const [note] = await notes(cand.a, first.id)
    expect(note).toMatchObject({ type: 'lead_assigned', title: 'Prospek baru: Least Satu', link: `/leads/${first.id}`, readAt: null })
    expect(await notes(cand.b, manual.body.id)).toHaveLength(1)
  })

  it('round robin: each candidate in id order, wrapping around, after the last one served', async () => {
    await settings({ strategy: 'round_robin' })
    const picks: number[] = []
    for (let i = 0; i < 4; i++) picks.push((await intake(`Giliran ${i}`)).assignedTo!)
    const order = [cand.a, cand.b, cand.c]
    // The last pick above was A (least open), so the turn passes to B.
    expect(picks).toEqual([cand.b, cand.c, cand.a, cand.b])
    for (let i = 1; i < picks.length; i++) expect(picks[i]).toBe(order[(order.indexOf(picks[i - 1]!) + 1) % 3])
  })

  it('round robin holds under concurrent intakes: six at once give each candidate two', async () => {
    const rows = await Promise.all(Array.from({ length: 6 }, (_, i) => intake(`Serentak ${i}`)))
    const per = new Map<number | null, number>()
    for (const r of rows) per.set(r.assignedTo, (per.get(r.assignedTo) ?? 0) + 1)
    expect(Object.fromEntries(per)).toEqual({ [cand.a]: 2, [cand.b]: 2, [cand.c]: 2 })
  })

  it('skips users on leave, inactive users and users at capacity; nobody with room leaves the lead unassigned', async () => {
    await patchUser(cand.a, { onLeave: true })
    await patchUser(cand.b, { active: false })
    for (const name of ['Hanya C 1', 'Hanya C 2']) expect((await intake(name)).assignedTo).toBe(cand.c)

    await patchUser(cand.c, { capacity: await openCount(cand.c) })
    const before = await db.$count(notifications)
    const orphan = await intake('Tanpa Penanggung Jawab')
    expect(orphan.assignedTo).toBeNull()
    expect(await db.$count(notifications)).toBe(before)

    // Least open with only A back (the others full or away).
    await settings({ strategy: 'least_open' })
    await patchUser(cand.a, { onLeave: false })
    expect((await intake('A Kembali')).assignedTo).toBe(cand.a)
    await patchUser(cand.b, { active: true })
    await patchUser(cand.c, { capacity: 50 })
  })

  it('switched off, intake leads stay unassigned', async () => {
    await settings({ enabled: false })
    expect((await intake('Penugasan Mati')).assignedTo).toBeNull()
    await settings({ enabled: true })
  })
})

describe('a known number from intake', () => {
  it('tells the lead\'s assignee that the prospect filled the form again', async () => {
    const number = phone()
    const first = await call('POST', '/api/intake', { body: { studentName: 'Isi Dua Kali', whatsapp: number }, headers: { 'x-site-key': siteKey, 'x-forwarded-for': freshIp() } })
    const [row] = await db.select({ assignedTo: leads.assignedTo }).from(leads).where(eq(leads.id, first.body.id))
    expect(Object.values(cand)).toContain(row!.assignedTo)
    const again = await call('POST', '/api/intake', { body: { studentName: 'Isi Dua Kali', whatsapp: number }, headers: { 'x-site-key': siteKey, 'x-forwarded-for': freshIp() } })
    expect(again.body).toEqual({ ok: true, duplicate: true })
    const rows = await notes(row!.assignedTo!, first.body.id)
    expect(rows.map(r => r.type).sort()).toEqual(['lead_assigned', 'lead_intake_repeat'])
    expect(rows.find(r => r.type === 'lead_intake_repeat')!.title).toBe('Mengisi formulir lagi: Isi Dua Kali')
  })
})

describe('assignment by hand', () => {
  it('notifies the new assignee on create, edit and bulk assign, but not someone assigning themselves', async () => {
    const own = await call('POST', '/api/leads', { token: tokenA, body: { studentName: 'Untuk Diri Sendiri', assignedTo: cand.a } })
    expect(own.status).toBe(201)
    expect(await notes(cand.a, own.body.id)).toHaveLength(0)

    const edited = await call('PATCH', `/api/leads/${own.body.id}`, { token: owner, body: { assignedTo: cand.c } })
    expect(edited.status).toBe(200)
    expect(await notes(cand.c, own.body.id)).toEqual([expect.objectContaining({ type: 'lead_assigned', title: 'Prospek baru: Untuk Diri Sendiri' })])

    const ids = [] as number[]
    for (const name of ['Massal 1', 'Massal 2']) ids.push((await call('POST', '/api/leads', { token: owner, body: { studentName: name, assignedTo: null } })).body.id)
    const bulk = await call('POST', '/api/leads/bulk', { token: manager, body: { action: 'assign', ids, assignedTo: cand.b } })
    expect(bulk.body).toEqual({ updated: 2 })
    for (const id of ids) expect(await notes(cand.b, id)).toHaveLength(1)
    // Unassigning notifies nobody.
    const before = await db.$count(notifications)
    await call('POST', '/api/leads/bulk', { token: manager, body: { action: 'assign', ids, assignedTo: null } })
    expect(await db.$count(notifications)).toBe(before)
  })

  it('leads created by hand without an assignee are auto-assigned only when the setting asks for it', async () => {
    expect((await call('POST', '/api/leads', { token: owner, body: { studentName: 'Manual Tanpa Auto' } })).body.assignedTo).toBeNull()
    await settings({ onManualCreate: true, strategy: 'least_open' })
    const auto = await call('POST', '/api/leads', { token: owner, body: { studentName: 'Manual Auto' } })
    expect(auto.status).toBe(201)
    expect(Object.values(cand)).toContain(auto.body.assignedTo.id)
    // An explicit null still means "unassigned".
    expect((await call('POST', '/api/leads', { token: owner, body: { studentName: 'Manual Null', assignedTo: null } })).body.assignedTo).toBeNull()
    await settings({ onManualCreate: false })
  })
})

describe('GET /api/assignment/workload', () => {
  it('shows open leads against capacity per active Admin and Sales/CS user', async () => {
    await patchUser(cand.c, { onLeave: true, capacity: 40 })
    // A lost lead and a lead in the trash do not count against capacity.
    const before = await openCount(cand.b)
    const made: number[] = []
    for (const name of ['Beban Hilang', 'Beban Sampah', 'Beban Buka']) {
      const res = await call('POST', '/api/leads', { token: admin, body: { studentName: name, assignedTo: cand.b } })
      expect(res.status).toBe(201)
      made.push(res.body.id)
    }
    const [lostStage] = await db.select({ id: pipelineStages.id }).from(pipelineStages).where(eq(pipelineStages.kind, 'lost')).limit(1)
    expect((await call('PATCH', `/api/leads/${made[0]}`, { token: admin, body: { stageId: lostStage!.id, lostReason: 'price' } })).status).toBe(200)
    expect((await call('DELETE', `/api/leads/${made[1]}`, { token: admin })).status).toBe(204)
    expect(await openCount(cand.b)).toBe(before + 1)
    const res = await call('GET', '/api/assignment/workload', { token: manager })
    expect(res.status).toBe(200)
    const item = (id: number) => res.body.items.find((i: { id: number }) => i.id === id)
    for (const key of ['a', 'b', 'c'] as const) {
      const open = await openCount(cand[key])
      const capacity = key === 'c' ? 40 : 50
      expect(item(cand[key])).toEqual({
        id: cand[key], name: `Penugasan ${key.toUpperCase()}`, role: key === 'a' ? 'admin' : 'sales',
        openLeads: open, capacity, onLeave: key === 'c', percent: Math.round(open / capacity * 100),
      })
    }
    expect(res.body.items.every((i: { role: string }) => ['admin', 'sales'].includes(i.role))).toBe(true)
    const [ownerRow] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'owner@demo.test'))
    expect(item(ownerRow!.id)).toBeUndefined()

    expect((await call('GET', '/api/assignment/workload', { token: owner })).status).toBe(200)
    expect((await call('GET', '/api/assignment/workload', { token: admin })).status).toBe(403)
    expect((await call('GET', '/api/assignment/workload', { token: sales })).status).toBe(403)
    expect((await call('GET', '/api/assignment/workload')).status).toBe(401)
  })
})

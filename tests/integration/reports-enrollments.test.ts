import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLogs, enrollments } from '../../server/db/schema'
import { testDb } from '../support/db'
import { call, login } from '../support/http'
import { reportFixtures } from '../support/reports'

const { db, pool } = testDb()
afterAll(() => pool.end())

const token: Record<string, string> = {}
let fx: Awaited<ReturnType<typeof reportFixtures>>
let salesLead: number
let sales2Lead: number
const ids: Record<string, number> = {}

const list = (who: string, params: string) => call('GET', `/api/enrollments?programId=${fx.programId}&${params}`, { token: token[who] })

beforeAll(async () => {
  for (const name of ['manager', 'admin', 'sales', 'sales2']) token[name] = await login(`${name}@demo.test`)
  fx = await reportFixtures(db, `E${Date.now()}`)
  salesLead = await fx.lead('Nadia Pendaftar', '2026-09-10T10:00:00+07:00', 'sales')
  sales2Lead = await fx.lead('Bima Pendaftar', '2026-09-11T10:00:00+07:00', 'sales2')
})

describe('recording an enrolment from the lead page', () => {
  it('creates one for a lead in scope, credited to the assignee on the lead\'s channel, and audits it', async () => {
    const res = await call('POST', '/api/enrollments', {
      token: token.sales, body: { leadId: salesLead, programId: fx.programId, amount: 3_000_000, enrolledAt: '2026-10-31T23:30:00+07:00' },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      lead: { id: salesLead, studentName: 'Nadia Pendaftar' }, program: { id: fx.programId }, channel: { id: fx.channelId, name: fx.channelName },
      user: { id: fx.userIds.sales, name: 'Budi Sales' }, amount: 3_000_000, enrolledAt: '2026-10-31T16:30:00.000Z', status: 'active',
    })
    ids.oct = res.body.id
    const [entry] = await db.select().from(auditLogs).where(and(eq(auditLogs.entity, 'enrollment'), eq(auditLogs.entityId, String(ids.oct))))
    expect(entry).toMatchObject({ action: 'create', userId: fx.userIds.sales })

    const nov = await call('POST', '/api/enrollments', { token: token.sales, body: { leadId: salesLead, programId: fx.programId, amount: 1_500_000, enrolledAt: '2026-11-01T00:30:00+07:00' } })
    ids.nov = nov.body.id
    // Admin records one for Sales 2's lead: credited to Sales 2, the assignee.
    const other = await call('POST', '/api/enrollments', { token: token.admin, body: { leadId: sales2Lead, programId: fx.programId, amount: 2_000_000, enrolledAt: '2026-10-05T09:00:00+07:00' } })
    expect(other.status).toBe(201)
    expect(other.body.user).toEqual({ id: fx.userIds.sales2, name: expect.any(String) })
    ids.other = other.body.id
  })

  it('answers 404 for a lead out of scope and 400 with field errors for bad input, writing nothing', async () => {
    const before = await db.$count(enrollments)
    const out = await call('POST', '/api/enrollments', { token: token.sales, body: { leadId: sales2Lead, programId: fx.programId, amount: 1, enrolledAt: '2026-10-01T10:00:00+07:00' } })
    expect(out.status).toBe(404)
    const bad = await call('POST', '/api/enrollments', { token: token.sales, body: { leadId: salesLead, programId: 'x', amount: -3, enrolledAt: '2026-10-01 10:00' } })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.data.fieldErrors).sort()).toEqual(['amount', 'enrolledAt', 'programId'])
    const fraction = await call('POST', '/api/enrollments', { token: token.sales, body: { leadId: salesLead, programId: fx.programId, amount: 1000.5, enrolledAt: '2026-10-01T10:00:00+07:00' } })
    expect(fraction.status).toBe(400)
    const ghost = await call('POST', '/api/enrollments', { token: token.sales, body: { leadId: salesLead, programId: 999_999_999, amount: 1000, enrolledAt: '2026-10-01T10:00:00+07:00' } })
    expect(ghost.status).toBe(400)
    expect(ghost.body.data.fieldErrors.programId).toEqual(['Program tidak ditemukan'])
    expect(await db.$count(enrollments)).toBe(before)
  })
})

describe('the enrolments list', () => {
  it('filters by Jakarta month with exact totals, by day range, status and credited user; pages', async () => {
    const oct = await list('manager', 'month=2026-10')
    expect(oct.status).toBe(200)
    expect(oct.body.totals).toEqual({ count: 2, amount: 5_000_000 })
    expect(oct.body.items.map((e: any) => e.id)).toEqual([ids.oct, ids.other]) // newest first
    const nov = await list('manager', 'month=2026-11')
    expect(nov.body.totals).toEqual({ count: 1, amount: 1_500_000 })

    const range = await list('manager', 'from=2026-10-31&to=2026-11-01')
    expect(range.body.items.map((e: any) => e.id)).toEqual([ids.nov, ids.oct])
    const byUser = await list('manager', `userId=${fx.userIds.sales2}`)
    expect(byUser.body.items.map((e: any) => e.id)).toEqual([ids.other])
    const byChannel = await list('manager', `channelId=${fx.channelId}&month=2026-10`)
    expect(byChannel.body.totals.count).toBe(2)

    const paged = await list('manager', 'pageSize=25&page=2')
    expect(paged.body).toMatchObject({ items: [], total: 3, totals: { count: 3, amount: 6_500_000 } })
    for (const bad of ['month=2026-13', 'from=kemarin', 'status=lunas', 'pageSize=7', 'from=2026-11-02&to=2026-11-01'])
      expect((await list('manager', bad)).status, bad).toBe(400)
  })

  it('shows Sales/CS only the enrolments of their own leads or credited to them; Admin sees all', async () => {
    const mine = await list('sales', 'status=all')
    expect(mine.body.items.map((e: any) => e.id).sort()).toEqual([ids.oct, ids.nov].sort())
    const theirs = await list('sales2', 'status=all')
    expect(theirs.body.items.map((e: any) => e.id)).toEqual([ids.other])
    const admin = await list('admin', 'status=all')
    expect(admin.body.totals).toEqual({ count: 3, amount: 6_500_000 })

    // Sales 2's lead handed to Sales: its enrolment stays Sales 2's (credited) and is Sales's too (their lead now).
    const handOver = await call('PATCH', `/api/leads/${sales2Lead}`, { token: token.admin, body: { assignedTo: fx.userIds.sales } })
    expect(handOver.status).toBe(200)
    expect((await list('sales', 'status=all')).body.items.map((e: any) => e.id)).toEqual([ids.nov, ids.oct, ids.other])
    expect((await list('sales', 'status=all')).body.totals).toEqual({ count: 3, amount: 6_500_000 })
    expect((await list('sales2', 'status=all')).body.items.map((e: any) => e.id)).toEqual([ids.other])
    expect((await call('PATCH', `/api/leads/${sales2Lead}`, { token: token.admin, body: { assignedTo: fx.userIds.sales2 } })).status).toBe(200)
    expect((await list('sales', 'status=all')).body.totals).toEqual({ count: 2, amount: 4_500_000 })
  })

  it('cancels with Admin and up (audited, out of the totals); Sales/CS may not; cancelled is final', async () => {
    expect((await call('PATCH', `/api/enrollments/${ids.oct}`, { token: token.sales, body: { status: 'cancelled' } })).status).toBe(403)
    expect((await call('PATCH', `/api/enrollments/${ids.oct}`, { token: token.admin, body: { status: 'active' } })).status).toBe(400)
    expect((await call('PATCH', '/api/enrollments/999999999', { token: token.admin, body: { status: 'cancelled' } })).status).toBe(404)
    const res = await call('PATCH', `/api/enrollments/${ids.oct}`, { token: token.admin, body: { status: 'cancelled' } })
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('cancelled')
    const [entry] = await db.select().from(auditLogs).where(and(eq(auditLogs.entity, 'enrollment'), eq(auditLogs.entityId, String(ids.oct)), eq(auditLogs.action, 'cancel')))
    expect(entry).toMatchObject({ before: { status: 'active' }, after: { status: 'cancelled' } })

    expect((await list('manager', 'month=2026-10')).body.totals).toEqual({ count: 1, amount: 2_000_000 })
    expect((await list('manager', 'month=2026-10&status=cancelled')).body.items.map((e: any) => e.id)).toEqual([ids.oct])
    const targets = await call('GET', '/api/targets?month=2026-10', { token: token.manager })
    expect(targets.body.rows.find((r: any) => r.scope === 'program' && r.scopeId === fx.programId).actual).toEqual({ revenue: 2_000_000, students: 1, leads: 0 })
  })
})

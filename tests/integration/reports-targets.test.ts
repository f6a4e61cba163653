import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLogs, targets } from '../../server/db/schema'
import { testDb } from '../support/db'
import { call, login } from '../support/http'
import { reportFixtures } from '../support/reports'

const { db, pool } = testDb()
afterAll(() => pool.end())

const token: Record<string, string> = {}
let fx: Awaited<ReturnType<typeof reportFixtures>>

const rowOf = (body: any, scope: string, scopeId: number | undefined) => body.rows.find((r: any) => r.scope === scope && r.scopeId === scopeId)
const monthRows = (month: string) => db.select().from(targets).where(eq(targets.month, month))

beforeAll(async () => {
  for (const name of ['owner', 'manager', 'admin', 'sales']) token[name] = await login(`${name}@demo.test`)
  fx = await reportFixtures(db, `T${Date.now()}`)

  // Leads either side of the October/November line in Jakarta, one in the trash.
  const octLate: number = await fx.lead('Oktober Akhir', '2026-10-31T23:30:00+07:00', 'sales')
  await fx.lead('Oktober Awal', '2026-10-01T00:00:00+07:00', 'sales')
  await fx.lead('September Akhir', '2026-09-30T23:59:59+07:00', 'sales')
  await fx.lead('Oktober Terhapus', '2026-10-15T10:00:00+07:00', 'sales', { deletedAt: new Date() })
  const novEarly: number = await fx.lead('November Awal', '2026-11-01T00:30:00+07:00', 'sales')

  const enrol = async (leadId: number, amount: number, enrolledAt: string) => {
    const res = await call('POST', '/api/enrollments', { token: token.sales, body: { leadId, programId: fx.programId, amount, enrolledAt } })
    expect(res.status).toBe(201)
    return res.body.id as number
  }
  await enrol(octLate, 3_000_000, '2026-10-31T23:30:00+07:00')
  await enrol(octLate, 4_250_000, '2026-10-01T00:00:00+07:00')
  const cancelled = await enrol(octLate, 9_999_999, '2026-10-20T09:00:00+07:00')
  expect((await call('PATCH', `/api/enrollments/${cancelled}`, { token: token.admin, body: { status: 'cancelled' } })).status).toBe(200)
  await enrol(novEarly, 2_400_000, '2026-11-01T00:30:00+07:00')
})

describe('who may see and set targets', () => {
  it('answers 403 to Sales/CS and Admin on every targets route', async () => {
    for (const who of ['sales', 'admin']) {
      expect((await call('GET', '/api/targets?month=2026-10', { token: token[who] })).status).toBe(403)
      expect((await call('PUT', '/api/targets', { token: token[who], body: { month: '2026-10', items: [] } })).status).toBe(403)
      expect((await call('POST', '/api/targets/copy', { token: token[who], body: { month: '2026-10' } })).status).toBe(403)
    }
    expect((await call('GET', '/api/targets?month=2026-10')).status).toBe(401)
  })
})

describe('real figures next to the targets', () => {
  it('buckets by the Jakarta month: 23:30 WIB on 31 October is October, 00:30 WIB on 1 November is November', async () => {
    const oct = await call('GET', '/api/targets?month=2026-10', { token: token.manager })
    expect(oct.status).toBe(200)
    const program = rowOf(oct.body, 'program', fx.programId)
    // Revenue and students: the two active October enrolments; the cancelled one does not count.
    // Leads: created 1 Oct 00:00 and 31 Oct 23:30 WIB; the one in the trash and 30 Sept 23:59 do not count.
    expect(program).toMatchObject({ name: expect.stringContaining('Program Laporan'), target: null, inactive: true, actual: { revenue: 7_250_000, students: 2, leads: 2 } })
    // The fixtures' channel is shared with other test files running at the same time: at least this file's figures.
    const channel = rowOf(oct.body, 'channel', fx.channelId).actual
    expect(channel.revenue).toBeGreaterThanOrEqual(7_250_000)
    expect(channel.students).toBeGreaterThanOrEqual(2)
    expect(channel.leads).toBeGreaterThanOrEqual(2)
    expect(rowOf(oct.body, 'overall', 0).actual.revenue).toBeGreaterThanOrEqual(7_250_000)

    const nov = await call('GET', '/api/targets?month=2026-11', { token: token.owner })
    expect(rowOf(nov.body, 'program', fx.programId).actual).toEqual({ revenue: 2_400_000, students: 1, leads: 1 })
    const sep = await call('GET', '/api/targets?month=2026-09', { token: token.owner })
    expect(rowOf(sep.body, 'program', fx.programId).actual).toEqual({ revenue: 0, students: 0, leads: 1 }) // 30 Sept 23:59:59 WIB
    const aug = await call('GET', '/api/targets?month=2026-08', { token: token.owner })
    expect(rowOf(aug.body, 'program', fx.programId)).toBeUndefined() // inactive, no target and nothing real: not listed
  })

  it('lists overall, the programs, channels and the admin/sales users', async () => {
    const { body } = await call('GET', '/api/targets?month=2026-10', { token: token.manager })
    expect(body.rows[0]).toMatchObject({ scope: 'overall', scopeId: 0, name: null })
    expect(body.rows.some((r: any) => r.scope === 'channel' && r.name === 'TikTok Ads')).toBe(true)
    expect(body.rows.some((r: any) => r.scope === 'user' && r.scopeId === fx.userIds.sales)).toBe(true)
    expect(body.rows.some((r: any) => r.scope === 'user' && r.scopeId === fx.userIds.owner)).toBe(false)
    expect((await call('GET', '/api/targets?month=2026-13', { token: token.manager })).status).toBe(400)
  })
})

describe('saving a month', () => {
  it('saves the set, shows it with the actuals, removes rows left out, and audits the month', async () => {
    const items = [
      { scope: 'overall', scopeId: 0, revenue: 500_000_000, students: 120, leads: 900 },
      { scope: 'program', scopeId: fx.programId, revenue: 10_000_000, students: 3, leads: 5 },
      { scope: 'user', scopeId: fx.userIds.sales, revenue: 40_000_000, students: 10, leads: 80 },
    ]
    const saved = await call('PUT', '/api/targets', { token: token.manager, body: { month: '2026-10', items } })
    expect(saved.status).toBe(200)
    expect(rowOf(saved.body, 'program', fx.programId)).toMatchObject({
      target: { revenue: 10_000_000, students: 3, leads: 5 }, actual: { revenue: 7_250_000, students: 2, leads: 2 },
    })
    expect(await monthRows('2026-10')).toHaveLength(3)

    const again = await call('PUT', '/api/targets', { token: token.owner, body: { month: '2026-10', items: [items[0], { ...items[1], revenue: 12_500_000 }] } })
    expect(again.status).toBe(200)
    const rows = await monthRows('2026-10')
    expect(rows.map(r => `${r.scope}:${r.revenue}`).sort()).toEqual(['overall:500000000', 'program:12500000'])
    expect(rowOf(again.body, 'user', fx.userIds.sales).target).toBeNull()

    const [entry] = await db.select().from(auditLogs).where(and(eq(auditLogs.entity, 'targets'), eq(auditLogs.entityId, '2026-10'))).orderBy(auditLogs.id).limit(1).offset(1)
    expect(entry).toMatchObject({ action: 'update', userId: fx.userIds.owner })
    expect(entry!.after).toMatchObject({ [`program:${fx.programId}`]: { revenue: 12_500_000 } })
  })

  it('answers 400 with field errors for negative, fractional or non-numbers, and writes nothing', async () => {
    const before = await monthRows('2026-10')
    const bad = await call('PUT', '/api/targets', {
      token: token.manager,
      body: { month: '2026-10', items: [
        { scope: 'overall', scopeId: 0, revenue: 1, students: 1, leads: 1 },
        { scope: 'program', scopeId: fx.programId, revenue: -5, students: 1.5, leads: 'banyak' },
      ] },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.data.fieldErrors.items).toBeDefined()
    expect(await monthRows('2026-10')).toEqual(before)

    const noMonth = await call('PUT', '/api/targets', { token: token.manager, body: { month: 'Oktober', items: [] } })
    expect(noMonth.status).toBe(400)
    expect(noMonth.body.data.fieldErrors.month).toBeDefined()

    // A scope that does not exist is refused inside the transaction: the valid row before it is not written either.
    const ghost = await call('PUT', '/api/targets', {
      token: token.manager,
      body: { month: '2026-10', items: [{ scope: 'overall', scopeId: 0, revenue: 1, students: 1, leads: 1 }, { scope: 'channel', scopeId: 999_999_999, revenue: 1, students: 1, leads: 1 }] },
    })
    expect(ghost.status).toBe(400)
    const dupe = await call('PUT', '/api/targets', {
      token: token.manager,
      body: { month: '2026-10', items: [{ scope: 'overall', scopeId: 0, revenue: 1, students: 1, leads: 1 }, { scope: 'overall', scopeId: 0, revenue: 2, students: 2, leads: 2 }] },
    })
    expect(dupe.status).toBe(400)
    expect(await monthRows('2026-10')).toEqual(before)
  })
})

describe('copy last month', () => {
  it('copies the previous month in one click, asks before overwriting, and refuses an empty source', async () => {
    await call('PUT', '/api/targets', {
      token: token.manager,
      body: { month: '2027-02', items: [
        { scope: 'overall', scopeId: 0, revenue: 300_000_000, students: 70, leads: 600 },
        { scope: 'program', scopeId: fx.programId, revenue: 6_000_000, students: 2, leads: 4 },
      ] },
    })
    const copy = await call('POST', '/api/targets/copy', { token: token.manager, body: { month: '2027-03' } })
    expect(copy.status).toBe(201)
    expect(copy.body).toEqual({ month: '2027-03', from: '2027-02', copied: 2 })
    const march = await call('GET', '/api/targets?month=2027-03', { token: token.manager })
    expect(rowOf(march.body, 'overall', 0).target).toEqual({ revenue: 300_000_000, students: 70, leads: 600 })
    expect(rowOf(march.body, 'program', fx.programId).target).toEqual({ revenue: 6_000_000, students: 2, leads: 4 })
    const april = await call('GET', '/api/targets?month=2027-04', { token: token.manager })
    expect(april.body.previousCount).toBe(2)

    // March has targets now: a second copy needs a yes.
    await call('PUT', '/api/targets', { token: token.manager, body: { month: '2027-03', items: [{ scope: 'overall', scopeId: 0, revenue: 1, students: 1, leads: 1 }] } })
    const conflict = await call('POST', '/api/targets/copy', { token: token.manager, body: { month: '2027-03' } })
    expect(conflict.status).toBe(409)
    expect((await monthRows('2027-03')).map(r => r.revenue)).toEqual([1])
    const overwrite = await call('POST', '/api/targets/copy', { token: token.manager, body: { month: '2027-03', overwrite: true } })
    expect(overwrite.status).toBe(201)
    expect((await monthRows('2027-03')).map(r => r.revenue).sort((a, b) => a - b)).toEqual([6_000_000, 300_000_000])
    const [entry] = await db.select().from(auditLogs).where(and(eq(auditLogs.entity, 'targets'), eq(auditLogs.entityId, '2027-03'), eq(auditLogs.action, 'copy'))).limit(1)
    expect(entry).toBeDefined()

    const empty = await call('POST', '/api/targets/copy', { token: token.manager, body: { month: '2030-06' } })
    expect(empty.status).toBe(400)
    expect(await monthRows('2030-06')).toHaveLength(0)
  })
})

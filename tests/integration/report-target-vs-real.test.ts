import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDb } from '../support/db'
import { call, login } from '../support/http'
import { reportFixtures } from '../support/reports'

/**
 * GET /api/reports/target-vs-real, every figure against a known dataset in 2040 (a year no other test writes to),
 * on a program of its own.
 */
const { db, pool } = testDb()
afterAll(() => pool.end())

const token: Record<string, string> = {}
let fx: Awaited<ReturnType<typeof reportFixtures>>
const PERIOD = 'from=2040-01&to=2040-03'

beforeAll(async () => {
  for (const name of ['owner', 'manager', 'admin', 'sales', 'sales2']) token[name] = await login(`${name}@demo.test`)
  fx = await reportFixtures(db, `TVR${Date.now()}`)

  // January: 23:30 WIB on the 31st is still January; one lead in the trash does not count.
  const janLate = await fx.lead('Jan Akhir', '2040-01-31T23:30:00+07:00', 'sales')
  await fx.lead('Jan Tengah', '2040-01-15T09:00:00+07:00', 'sales2')
  await fx.lead('Jan Terhapus', '2040-01-20T09:00:00+07:00', 'sales', { deletedAt: new Date('2001-01-01T00:00:00Z') })
  // February: 00:10 WIB on the 1st is February (17:10 UTC on 31 January).
  const febEarly = await fx.lead('Feb Awal', '2040-02-01T00:10:00+07:00', 'sales')

  const enrol = async (leadId: number, amount: number, enrolledAt: string) => {
    const res = await call('POST', '/api/enrollments', { token: token.manager, body: { leadId, programId: fx.programId, amount, enrolledAt } })
    expect(res.status).toBe(201)
    return res.body.id as number
  }
  await enrol(janLate, 3_000_000, '2040-01-31T23:30:00+07:00')
  await enrol(febEarly, 2_500_000, '2040-02-01T00:10:00+07:00')
  const cancelled = await enrol(febEarly, 9_000_000, '2040-02-10T10:00:00+07:00')
  expect((await call('PATCH', `/api/enrollments/${cancelled}`, { token: token.manager, body: { status: 'cancelled' } })).status).toBe(200)

  // Targets: overall and the program in January and February (none in March), and the Sales user's own in January.
  for (const [month, overall, program] of [['2040-01', 10_000_000, 4_000_000], ['2040-02', 5_000_000, 2_000_000]] as const) {
    const res = await call('PUT', '/api/targets', {
      token: token.manager,
      body: {
        month,
        items: [
          { scope: 'overall', scopeId: 0, revenue: overall, students: 4, leads: 8 },
          { scope: 'program', scopeId: fx.programId, revenue: program, students: 2, leads: 4 },
          ...(month === '2040-01' ? [{ scope: 'user', scopeId: fx.userIds.sales!, revenue: 6_000_000, students: 3, leads: 2 }] : []),
        ],
      },
    })
    expect(res.status).toBe(200)
  }
})

describe('GET /api/reports/target-vs-real', () => {
  it('gives every month of the period, target and real, bucketed by Jakarta months', async () => {
    const res = await call('GET', `/api/reports/target-vs-real?${PERIOD}`, { token: token.owner })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ report: 'target-vs-real', params: { from: '2040-01', to: '2040-03' }, scope: 'all', money: true })
    expect(res.body.data.dimension).toEqual({ scope: 'overall', id: 0, name: null })
    expect(res.body.data.months).toEqual([
      {
        month: '2040-01',
        leads: { target: 8, real: 2, pct: 25 },
        students: { target: 4, real: 1, pct: 25 },
        revenue: { target: 10_000_000, real: 3_000_000, pct: 30 },
      },
      {
        month: '2040-02',
        leads: { target: 8, real: 1, pct: 12.5 },
        students: { target: 4, real: 1, pct: 25 },
        revenue: { target: 5_000_000, real: 2_500_000, pct: 50 },
      },
      {
        month: '2040-03',
        leads: { target: null, real: 0, pct: null },
        students: { target: null, real: 0, pct: null },
        revenue: { target: null, real: 0, pct: null },
      },
    ])
    // Sums over the period; the percentage over the months that have a target.
    expect(res.body.data.totals).toEqual({
      leads: { target: 16, real: 3, pct: 18.8 },
      students: { target: 8, real: 2, pct: 25 },
      revenue: { target: 15_000_000, real: 5_500_000, pct: 36.7 },
    })
  })

  it('narrows to one program (its targets and its real figures)', async () => {
    const res = await call('GET', `/api/reports/target-vs-real?${PERIOD}&programId=${fx.programId}`, { token: token.manager })
    expect(res.status).toBe(200)
    expect(res.body.data.dimension).toEqual({ scope: 'program', id: fx.programId, name: expect.stringContaining('Program Laporan') })
    expect(res.body.data.months[0]).toEqual({
      month: '2040-01',
      leads: { target: 4, real: 2, pct: 50 },
      students: { target: 2, real: 1, pct: 50 },
      revenue: { target: 4_000_000, real: 3_000_000, pct: 75 },
    })
    expect(res.body.params).toEqual({ from: '2040-01', to: '2040-03', programId: fx.programId })
  })

  it('shows a Sales/CS user their own figures against their own target, whatever they ask for', async () => {
    const res = await call('GET', `/api/reports/target-vs-real?${PERIOD}&programId=${fx.programId}`, { token: token.sales })
    expect(res.status).toBe(200)
    expect(res.body.scope).toBe('own')
    expect(res.body.data.dimension).toMatchObject({ scope: 'user', id: fx.userIds.sales })
    // Their leads: 31 Jan (the one in the trash does not count) and 1 Feb; enrolments credited to them (the assignee).
    expect(res.body.data.months[0]).toEqual({
      month: '2040-01',
      leads: { target: 2, real: 1, pct: 50 },
      students: { target: 3, real: 1, pct: 33.3 },
      revenue: { target: 6_000_000, real: 3_000_000, pct: 50 },
    })
    expect(res.body.data.months[1].leads).toEqual({ target: null, real: 1, pct: null })
    const other = await call('GET', `/api/reports/target-vs-real?${PERIOD}`, { token: token.sales2 })
    expect(other.body.data.months.map((m: any) => m.leads.real)).toEqual([1, 0, 0])
    expect(other.body.data.months.map((m: any) => m.students.real)).toEqual([0, 0, 0])
  })

  it('leaves every money figure out of the response for Admin', async () => {
    const res = await call('GET', `/api/reports/target-vs-real?${PERIOD}`, { token: token.admin })
    expect(res.status).toBe(200)
    expect(res.body.money).toBe(false)
    expect(JSON.stringify(res.body)).not.toContain('revenue')
    expect(res.body.data.months[0].students).toEqual({ target: 4, real: 1, pct: 25 })
  })

  it('refuses bad filters with field errors, unknown reports with 404 and anonymous callers with 401', async () => {
    const backwards = await call('GET', '/api/reports/target-vs-real?from=2040-05&to=2040-01', { token: token.owner })
    expect(backwards.status).toBe(400)
    expect(backwards.body.data.fieldErrors.from).toBeDefined()
    const tooLong = await call('GET', '/api/reports/target-vs-real?from=2030-01&to=2040-01', { token: token.owner })
    expect(tooLong.status).toBe(400)
    expect(tooLong.body.data.fieldErrors.to).toBeDefined()
    const badMonth = await call('GET', '/api/reports/target-vs-real?from=2040-13', { token: token.owner })
    expect(badMonth.status).toBe(400)
    expect(badMonth.body.data.fieldErrors.from).toBeDefined()
    const two = await call('GET', `/api/reports/target-vs-real?${PERIOD}&programId=${fx.programId}&channelId=${fx.channelId}`, { token: token.owner })
    expect(two.status).toBe(400)
    expect(two.body.data.fieldErrors.programId).toBeDefined()
    expect((await call('GET', '/api/reports/no-such-report', { token: token.owner })).status).toBe(404)
    expect((await call('GET', `/api/reports/target-vs-real?${PERIOD}`)).status).toBe(401)
  })

  it('defaults to the twelve months up to this one', async () => {
    const res = await call('GET', '/api/reports/target-vs-real', { token: token.owner })
    expect(res.status).toBe(200)
    expect(res.body.data.months).toHaveLength(12)
    expect(res.body.params.to).toBe(res.body.data.months[11].month)
  })
})

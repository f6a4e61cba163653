import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enrollments, programs, targets, users } from '../../server/db/schema'
import { jakartaMonth } from '../../shared/utils/months'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

/**
 * The program achievement report over a dataset of its own: January to March 2041 (the other report files of
 * 2041 keep to later months), base programs plus two inactive programs made here. Every figure is exact.
 */
const { db, pool } = testDb()
afterAll(() => pool.end())
const { stageId, channelId, insertLead } = catalogHelpers(db)

const at = (wib: string) => new Date(`${wib}+07:00`)
const token: Record<string, string> = {}
const id: Record<string, number> = {}
const program: Record<string, number> = {}
const channel: Record<string, number> = {}

beforeAll(async () => {
  for (const who of ['owner', 'manager', 'admin', 'sales']) token[who] = await login(`${who}@demo.test`)
  for (const u of await db.select().from(users)) id[u.email.split('@')[0]!] = u.id
  for (const p of await db.select().from(programs)) program[p.code] = p.id
  const tag = Date.now().toString(36)
  for (const code of ['X', 'Y']) {
    const [{ id: pid }] = await db.insert(programs).values({ code: `RPP-${code}-${tag}`, name: `Program ${code} ${tag}`, level: 'SMA', active: false }).$returningId() as [{ id: number }]
    program[code] = pid
  }
  channel.tiktok = await channelId('tiktok_ads')
  channel.referral = await channelId('referral')
  const stage = { prospect: await stageId('prospect'), won: await stageId('won'), lost: await stageId('lost') }

  const lead = (name: string, created: string, fields: { program: string | null, channel: string, user: string, stage: keyof typeof stage, deleted?: boolean }) =>
    insertLead({
      studentName: name, createdAt: at(created), updatedAt: at(created), programId: fields.program ? program[fields.program]! : null,
      channelId: channel[fields.channel]!, assignedTo: id[fields.user]!, stageId: stage[fields.stage],
      deletedAt: fields.deleted ? at('2041-02-01T00:00:00') : null,
    })
  id.P1 = await lead('Prog P1', '2041-01-31T23:30:00', { program: 'SMA-REG', channel: 'tiktok', user: 'sales', stage: 'won' })
  id.P2 = await lead('Prog P2', '2041-01-10T09:00:00', { program: 'SMA-REG', channel: 'tiktok', user: 'admin', stage: 'prospect' })
  id.P3 = await lead('Prog P3', '2041-01-15T09:00:00', { program: 'SMA-REG', channel: 'referral', user: 'sales', stage: 'lost' })
  id.P4 = await lead('Prog P4', '2041-01-20T09:00:00', { program: 'UTBK-INT', channel: 'referral', user: 'admin', stage: 'won' })
  id.P5 = await lead('Prog P5', '2041-02-01T00:10:00', { program: 'UTBK-INT', channel: 'tiktok', user: 'sales', stage: 'prospect' })
  // Not counted: no program of interest, in the trash, December 2040 by a minute.
  await lead('Prog P6', '2041-01-05T09:00:00', { program: null, channel: 'tiktok', user: 'sales', stage: 'won' })
  await lead('Prog P7', '2041-01-06T09:00:00', { program: 'SMA-REG', channel: 'tiktok', user: 'sales', stage: 'won', deleted: true })
  await lead('Prog P8', '2040-12-31T23:59:00', { program: 'PRIVAT', channel: 'tiktok', user: 'sales', stage: 'prospect' })

  const enrol = (leadId: number, code: string, amount: number, wib: string, ch: string | null, user: string | null, status: 'active' | 'cancelled' = 'active') => ({
    leadId, programId: program[code]!, amount, enrolledAt: at(wib), channelId: ch ? channel[ch]! : null, userId: user ? id[user]! : null, status,
  })
  await db.insert(enrollments).values([
    enrol(id.P1, 'SMA-REG', 4_800_000, '2041-01-31T23:45:00', 'tiktok', 'sales'),
    enrol(id.P4, 'UTBK-INT', 7_500_000, '2041-01-20T10:00:00', 'referral', 'admin'),
    enrol(id.P4, 'PRIVAT', 3_000_000, '2041-01-25T10:00:00', 'referral', 'admin', 'cancelled'),
    enrol(id.P2, 'SMA-REG', 4_500_000, '2041-02-01T00:10:00', 'tiktok', 'sales'),
    enrol(id.P3, 'X', 1_000_000, '2041-01-12T10:00:00', null, null),
    enrol(id.P5, 'UTBK-INT', 7_000_000, '2041-03-05T10:00:00', 'tiktok', 'sales'),
  ])
  const target = (month: string, code: string, students: number, revenue: number) => ({ month, scope: 'program' as const, scopeId: program[code]!, students, revenue, leads: 0 })
  await db.insert(targets).values([
    target('2041-01', 'SMA-REG', 2, 9_600_000),
    target('2041-01', 'UTBK-INT', 1, 7_500_000),
    target('2041-02', 'SMA-REG', 1, 5_000_000),
    target('2041-01', 'SMP-ANBK', 3, 8_250_000),
  ])
})

const get = (who: string, query: string) => call('GET', `/api/reports/programs?${query}`, { token: token[who] })
const fig = (target: number | null, real: number, pct: number | null) => ({ target, real, pct })
const row = (code: string, students: object, revenue: object | null, leads: number, won: number, conversion: number | null) => ({
  programId: program[code], students, ...(revenue ? { revenue } : {}), leads, won, conversion,
})
const shape = (rows: any[]) => rows.map(({ programId, students, revenue, leads, won, conversion }) => ({ programId, students, ...(revenue ? { revenue } : {}), leads, won, conversion }))

describe('GET /api/reports/programs', () => {
  it('gives the Owner and Managers each program of a Jakarta month against its targets', async () => {
    for (const who of ['owner', 'manager']) {
      const res = await get(who, 'from=2041-01&to=2041-01')
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ report: 'programs', params: { from: '2041-01', to: '2041-01' }, scope: 'all', money: true })
      const d = res.body.data
      expect(d.targets).toBe(true)
      // P1 at 23:30 WIB on 31 January is January; P5 and the enrolment at 00:10 WIB on 1 February are not.
      expect(shape(d.rows)).toEqual([
        row('UTBK-INT', fig(1, 1, 100), fig(7_500_000, 7_500_000, 100), 1, 1, 100),
        row('SMA-REG', fig(2, 1, 50), fig(9_600_000, 4_800_000, 50), 3, 1, 33.3),
        row('X', fig(null, 1, null), fig(null, 1_000_000, null), 0, 0, null),
        row('SMP-ANBK', fig(3, 0, 0), fig(8_250_000, 0, 0), 0, 0, null),
      ])
      expect(d.rows.find((r: any) => r.programId === program.X)).toMatchObject({ active: false, name: expect.stringContaining('Program X') })
      expect(d.rows.find((r: any) => r.programId === program['UTBK-INT'])).toMatchObject({ active: true, code: 'UTBK-INT', name: 'Intensif UTBK-SNBT' })
      expect(d.totals).toEqual({
        students: fig(6, 3, 33.3), // 2 of 6 in the targeted programs
        revenue: fig(25_350_000, 13_300_000, 48.5), // 12,300,000 of 25,350,000
        leads: 4, won: 2, conversion: 50,
      })
    }
  })

  it('sums the targets of the months in a longer period and weighs each against its own months', async () => {
    const d = (await get('owner', 'from=2041-01&to=2041-03')).body.data
    expect(shape(d.rows)).toEqual([
      // UTBK's target is January's only: the March student counts in the real figure, not in the percentage.
      row('UTBK-INT', fig(1, 2, 100), fig(7_500_000, 14_500_000, 100), 2, 1, 50),
      row('SMA-REG', fig(3, 2, 66.7), fig(14_600_000, 9_300_000, 63.7), 3, 1, 33.3),
      row('X', fig(null, 1, null), fig(null, 1_000_000, null), 0, 0, null),
      row('SMP-ANBK', fig(3, 0, 0), fig(8_250_000, 0, 0), 0, 0, null),
    ])
    expect(d.totals).toEqual({ students: fig(7, 5, 42.9), revenue: fig(30_350_000, 24_800_000, 55.4), leads: 5, won: 2, conversion: 40 })
    expect(d.rows.some((r: any) => r.programId === program.Y)).toBe(false) // inactive, nothing in the period
    expect(d.rows.some((r: any) => r.programId === program['SD-REG'])).toBe(false) // active, but nothing either
  })

  it('narrows the real figures to a channel or a person, and drops the targets', async () => {
    const tiktok = (await get('manager', `from=2041-01&to=2041-03&channelId=${channel.tiktok}`)).body.data
    expect(tiktok.targets).toBe(false)
    expect(shape(tiktok.rows)).toEqual([
      row('SMA-REG', fig(null, 2, null), fig(null, 9_300_000, null), 2, 1, 50),
      row('UTBK-INT', fig(null, 1, null), fig(null, 7_000_000, null), 1, 0, 0),
    ])
    expect(tiktok.totals).toEqual({ students: fig(null, 3, null), revenue: fig(null, 16_300_000, null), leads: 3, won: 1, conversion: 33.3 })

    const dewi = (await get('owner', `from=2041-01&to=2041-03&userId=${id.admin}`)).body.data
    expect(shape(dewi.rows)).toEqual([
      row('UTBK-INT', fig(null, 1, null), fig(null, 7_500_000, null), 1, 1, 100),
      row('SMA-REG', fig(null, 0, null), fig(null, 0, null), 1, 0, 0),
    ])
  })

  it('shows a Sales/CS user the enrolments credited to them and their own leads, without program targets', async () => {
    const res = await get('sales', 'from=2041-01&to=2041-03')
    expect(res.body).toMatchObject({ scope: 'own', money: true })
    expect(res.body.data.targets).toBe(false)
    expect(shape(res.body.data.rows)).toEqual([
      row('SMA-REG', fig(null, 2, null), fig(null, 9_300_000, null), 2, 1, 50),
      row('UTBK-INT', fig(null, 1, null), fig(null, 7_000_000, null), 1, 0, 0),
    ])
    // Someone else's figures through the person filter: nothing.
    const other = await get('sales', `from=2041-01&to=2041-03&userId=${id.admin}`)
    expect(other.body.data.rows).toEqual([])
  })

  it('leaves revenue out of the answer for Admin', async () => {
    const res = await get('admin', 'from=2041-01&to=2041-01')
    expect(res.body).toMatchObject({ scope: 'all', money: false })
    expect(shape(res.body.data.rows)).toEqual([
      row('SMA-REG', fig(2, 1, 50), null, 3, 1, 33.3),
      row('UTBK-INT', fig(1, 1, 100), null, 1, 1, 100),
      row('X', fig(null, 1, null), null, 0, 0, null),
      row('SMP-ANBK', fig(3, 0, 0), null, 0, 0, null),
    ])
    expect(JSON.stringify(res.body)).not.toMatch(/revenue|amount/i)
  })

  it('defaults to this Jakarta month', async () => {
    const res = await get('owner', '')
    expect(res.status).toBe(200)
    expect(res.body.params).toMatchObject({ from: jakartaMonth(), to: jakartaMonth() })
  })

  it('answers 400 with field errors for bad filters, and 401 without a session', async () => {
    const bad = await get('owner', 'from=2041-13&channelId=abc&userId=-1')
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.data.fieldErrors).sort()).toEqual(['channelId', 'from', 'userId'])
    const backwards = await get('owner', 'from=2041-03&to=2041-01')
    expect(backwards.status).toBe(400)
    expect(backwards.body.data.fieldErrors.from).toBeDefined()
    const long = await get('owner', 'from=2039-01&to=2041-03')
    expect(long.status).toBe(400)
    expect(long.body.data.fieldErrors.to).toBeDefined()
    expect((await call('GET', '/api/reports/programs?from=2041-01')).status).toBe(401)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { leadStageHistory } from '../../server/db/schema'
import { jakartaMonth, shiftMonth } from '../../shared/utils/months'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { call, login } from '../support/http'
import { reportFixtures } from '../support/reports'

/**
 * The funnel over a small cohort of its own: leads of a program of their own created in May–July 2042, with
 * known stage histories. Every figure is asserted exactly (the base pipeline: other test files switch the stages
 * they add off again).
 */
const { db, pool } = testDb()
afterAll(() => pool.end())
const { stageId, channelId } = catalogHelpers(db)

const token: Record<string, string> = {}
let fx: Awaited<ReturnType<typeof reportFixtures>>
const ch: Record<string, number> = {}
const DAY = 86_400_000
const at = (wib: string) => new Date(`${wib}+07:00`)
const get = (who: string, query = '') => call('GET', `/api/reports/funnel?from=2042-05&to=2042-07&programId=${fx.programId}${query}`, { token: token[who] })

type Code = 'prospect' | 'follow_up' | 'interested' | 'negotiation' | 'won' | 'lost'
const BASE: Code[] = ['prospect', 'follow_up', 'interested', 'negotiation', 'won']

beforeAll(async () => {
  for (const name of ['owner', 'manager', 'admin', 'sales']) token[name] = await login(`${name}@demo.test`)
  fx = await reportFixtures(db, `FNL${Date.now()}`)
  for (const code of ['tiktok_ads', 'referral']) ch[code] = await channelId(code)
  const stage = {} as Record<Code, number>
  for (const code of [...BASE, 'lost'] as Code[]) stage[code] = await stageId(code)

  /** A lead and its stage history: each step is [stage, days after creation]; the last is where it is now. */
  async function lead(name: string, wib: string, who: string, channel: string, path: [Code, number][], extra = {}) {
    const created = at(wib)
    const id = await fx.lead(name, created.toISOString(), who, { channelId: ch[channel], stageId: stage[path.at(-1)![0]], ...extra })
    await db.insert(leadStageHistory).values(path.map(([code, days], i) => ({
      leadId: id, fromStageId: i ? stage[path[i - 1]![0]] : null, toStageId: stage[code], changedAt: new Date(created.getTime() + days * DAY),
    })))
  }
  // May 31 at 23:30 WIB is May (16:30 UTC); June 1 at 00:10 WIB is June (still May 31 in UTC).
  await lead('Funnel A', '2042-05-31T23:30:00', 'sales', 'tiktok_ads', [['prospect', 0], ['follow_up', 2], ['interested', 5], ['won', 6]])
  await lead('Funnel B', '2042-06-01T00:10:00', 'sales', 'tiktok_ads', [['prospect', 0], ['follow_up', 1], ['lost', 4]])
  await lead('Funnel C', '2042-06-10T09:00:00', 'admin', 'tiktok_ads', [['prospect', 0], ['lost', 3]])
  await lead('Funnel D', '2042-06-12T09:00:00', 'admin', 'tiktok_ads', [['prospect', 0], ['follow_up', 1], ['interested', 2], ['negotiation', 4]])
  await lead('Funnel E', '2042-06-15T09:00:00', 'sales', 'referral', [['prospect', 0]])
  await lead('Funnel F', '2042-07-01T09:00:00', 'admin', 'referral', [['interested', 0], ['won', 10]])
  // Back from interested to follow-up, then lost: it reached interested, but was lost at follow-up.
  await lead('Funnel G', '2042-07-02T09:00:00', 'sales', 'referral', [['prospect', 0], ['follow_up', 2], ['interested', 3], ['follow_up', 3.5], ['lost', 6]])
  // Created straight into lost: in no step, lost before the funnel.
  await lead('Funnel H', '2042-07-03T09:00:00', 'sales', 'referral', [['lost', 0]])
  // Not in the cohort: April by a minute, August, and one in the trash. Their stays must not count either.
  await lead('Funnel April', '2042-04-30T23:59:00', 'sales', 'tiktok_ads', [['prospect', 0], ['follow_up', 100], ['lost', 200]])
  await lead('Funnel August', '2042-08-01T00:00:00', 'sales', 'tiktok_ads', [['prospect', 0], ['won', 50]])
  await lead('Funnel Trash', '2042-06-20T09:00:00', 'sales', 'tiktok_ads', [['prospect', 0], ['lost', 40]], { deletedAt: new Date('2001-01-01T00:00:00Z') })
})

const step = (code: string, count: number, pct: number | null, conversion: number | null, dropOff: number | null, dropOffPct: number | null, lost: number | null, medianDays: number | null, stays: number) =>
  ({ code, count, pct, conversion, dropOff, dropOffPct, lost, medianDays, stays })
const figures = (steps: any[]) => steps.map(({ stageId: _, name: __, kind: ___, ...rest }) => rest)
const counts = (steps: any[]) => steps.map(s => [s.code, s.count, s.lost])

describe('GET /api/reports/funnel', () => {
  it('gives every figure of the period\'s cohort', async () => {
    const res = await get('owner')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ report: 'funnel', params: { from: '2042-05', to: '2042-07', programId: fx.programId }, scope: 'all', money: true })
    const d = res.body.data
    expect(d).toMatchObject({ leads: 8, lost: 4, lostElsewhere: 1 })
    expect(d.steps.map((s: any) => s.kind)).toEqual(['open', 'open', 'open', 'open', 'won'])
    expect(figures(d.steps)).toEqual([
      // Stays in prospect: 2, 1, 3, 1, 2 days (E is still there); in follow-up 3, 3, 1, 1 and 2.5 (G twice);
      // in interested 1, 2, 10, 0.5: the mean of the middle two; nobody has left negotiation yet.
      step('prospect', 7, 100, null, null, null, 1, 2, 5),
      step('follow_up', 5, 71.4, 71.4, 2, 28.6, 2, 2.5, 5),
      step('interested', 4, 57.1, 80, 1, 20, 0, 1.5, 4),
      step('negotiation', 3, 42.9, 75, 1, 25, 0, null, 0),
      step('won', 2, 28.6, 66.7, 1, 33.3, null, null, 0),
    ])
  })

  it('buckets the cohort by Jakarta months: 23:30 WIB on 31 May is May, 00:10 WIB on 1 June is June', async () => {
    const may = await call('GET', `/api/reports/funnel?from=2042-05&to=2042-05&programId=${fx.programId}`, { token: token.manager })
    expect(may.body.data.leads).toBe(1)
    expect(counts(may.body.data.steps)).toEqual([['prospect', 1, 0], ['follow_up', 1, 0], ['interested', 1, 0], ['negotiation', 1, 0], ['won', 1, null]])
    const june = await call('GET', `/api/reports/funnel?from=2042-06&to=2042-06&programId=${fx.programId}`, { token: token.manager })
    expect(june.body.data).toMatchObject({ leads: 4, lost: 2, lostElsewhere: 0 })
    expect(counts(june.body.data.steps)).toEqual([['prospect', 4, 1], ['follow_up', 2, 1], ['interested', 1, 0], ['negotiation', 1, 0], ['won', 0, null]])
  })

  it('narrows by channel, source type and person', async () => {
    const tiktok = (await get('owner', `&channelId=${ch.tiktok_ads}`)).body.data
    expect(tiktok).toMatchObject({ leads: 4, lost: 2, lostElsewhere: 0 })
    expect(counts(tiktok.steps)).toEqual([['prospect', 4, 1], ['follow_up', 3, 1], ['interested', 2, 0], ['negotiation', 2, 0], ['won', 1, null]])

    const referral = (await get('owner', '&sourceType=referral')).body.data
    expect(referral).toMatchObject({ leads: 4, lost: 2, lostElsewhere: 1 })
    expect(counts(referral.steps)).toEqual([['prospect', 3, 0], ['follow_up', 2, 1], ['interested', 2, 0], ['negotiation', 1, 0], ['won', 1, null]])
    expect((await get('owner', '&sourceType=event')).body.data).toMatchObject({ leads: 0, lost: 0 })

    const admin = (await get('manager', `&userId=${fx.userIds.admin}`)).body.data
    expect(admin).toMatchObject({ leads: 3, lost: 1, lostElsewhere: 0 })
    expect(counts(admin.steps)).toEqual([['prospect', 3, 1], ['follow_up', 2, 0], ['interested', 2, 0], ['negotiation', 2, 0], ['won', 1, null]])
    expect(admin.steps[2]).toMatchObject({ medianDays: 6, stays: 2 }) // D 2 days, F 10 days
  })

  it('shows Sales/CS their own leads only, whatever person they ask for', async () => {
    for (const query of ['', `&userId=${fx.userIds.admin}`]) {
      const res = await get('sales', query)
      expect(res.status).toBe(200)
      expect(res.body.scope).toBe('own')
      const d = res.body.data
      expect(d).toMatchObject({ leads: 5, lost: 3, lostElsewhere: 1 })
      expect(counts(d.steps)).toEqual([['prospect', 4, 0], ['follow_up', 3, 2], ['interested', 2, 0], ['negotiation', 1, 0], ['won', 1, null]])
    }
  })

  it('gives Admin the team\'s funnel (it has no money figure)', async () => {
    const [owner, admin] = await Promise.all([get('owner'), get('admin')])
    expect(admin.status).toBe(200)
    expect(admin.body).toMatchObject({ scope: 'all', money: false })
    expect(admin.body.data).toEqual(owner.body.data)
  })

  it('defaults to the last three months', async () => {
    const res = await call('GET', '/api/reports/funnel', { token: token.owner })
    expect(res.status).toBe(200)
    expect(res.body.params).toMatchObject({ from: shiftMonth(jakartaMonth(), -2), to: jakartaMonth() })
  })

  it('answers 400 with the field in error, and 401 without a session', async () => {
    const cases: [string, string][] = [
      ['sourceType=tv', 'sourceType'],
      ['programId=abc', 'programId'],
      ['channelId=-1', 'channelId'],
      ['userId=1.5', 'userId'],
      ['from=2042-13', 'from'],
      ['from=2042-07&to=2042-05', 'from'],
    ]
    for (const [query, field] of cases) {
      const res = await call('GET', `/api/reports/funnel?${query}`, { token: token.owner })
      expect(res.status, query).toBe(400)
      expect(res.body.data.fieldErrors[field], query).toBeDefined()
    }
    expect((await call('GET', '/api/reports/funnel')).status).toBe(401)
  })
})

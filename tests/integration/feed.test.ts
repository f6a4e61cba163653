import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { activities, pipelineStages, users } from '../../server/db/schema'
import type { FeedItemDto, FeedPageDto } from '../../shared/types/notifications'
import { recentFeed } from '../../server/services/feed'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

const { db, pool } = testDb()

let owner: string
let mine: string
const who = { mine: 0, other: 0 }
const stage: Record<string, number> = {}
const stamp = Date.now()
const lead = { mine: 0, other: 0, handed: 0 }

const tick = () => new Promise(r => setTimeout(r, 15))
const create = async (studentName: string, assignedTo: number) => {
  const res = await call('POST', '/api/leads', { token: owner, body: { studentName, assignedTo } })
  expect(res.status).toBe(201)
  await tick()
  return res.body.id as number
}

/** Every feed item the token can see, walking all pages. */
async function walk(token: string, limit = 7): Promise<FeedItemDto[]> {
  const out: FeedItemDto[] = []
  let cursor: string | null = null
  for (let i = 0; i < 500; i++) {
    const res: { status: number, body: FeedPageDto } = await call<FeedPageDto>('GET', `/api/feed?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { token })
    expect(res.status).toBe(200)
    out.push(...res.body.items)
    cursor = res.body.nextCursor
    if (!cursor) break
  }
  return out
}

beforeAll(async () => {
  owner = await login('owner@demo.test')
  for (const s of await db.select().from(pipelineStages)) stage[s.code] = s.id
  for (const key of ['mine', 'other'] as const) {
    const res = await call('POST', '/api/users', { token: owner, body: { name: `Kabar ${key}`, email: `feed-${key}-${stamp}@demo.test`, role: 'sales', password: 'rahasia123' } })
    expect(res.status).toBe(201)
    who[key] = res.body.id
  }
  mine = await login(`feed-mine-${stamp}@demo.test`, 'rahasia123')

  lead.mine = await create(`Kabar Milik ${stamp}`, who.mine)
  lead.other = await create(`Kabar Lain ${stamp}`, who.other)
  lead.handed = await create(`Kabar Pindah ${stamp}`, who.other)
  expect((await call('PATCH', `/api/leads/${lead.mine}`, { token: owner, body: { stageId: stage.follow_up } })).status).toBe(200)
  await tick()
  expect((await call('PATCH', `/api/leads/${lead.other}`, { token: owner, body: { stageId: stage.follow_up } })).status).toBe(200)
  await tick()
  await db.insert(activities).values([
    { leadId: lead.mine, userId: who.mine, type: 'call', outcome: 'interested', notes: 'Tertarik kelas intensif', occurredAt: new Date() },
    { leadId: lead.other, userId: who.other, type: 'chat', notes: 'Rahasia orang lain', occurredAt: new Date() },
  ])
  await tick()
  expect((await call('PATCH', `/api/leads/${lead.handed}`, { token: owner, body: { assignedTo: who.mine } })).status).toBe(200)
})

afterAll(async () => {
  for (const id of Object.values(who)) await db.update(users).set({ active: false }).where(eq(users.id, id))
  await pool.end()
})

describe('GET /api/feed', () => {
  it('shows a Sales/CS user only what happened to their own leads, newest first', async () => {
    const items = await walk(mine, 3)
    const leadIds = new Set(items.map(i => i.lead.id))
    expect(leadIds).toEqual(new Set([lead.mine, lead.handed]))
    expect(items.some(i => i.notes === 'Rahasia orang lain')).toBe(false)

    const about = (id: number) => items.filter(i => i.lead.id === id).map(i => i.kind)
    expect(about(lead.mine)).toEqual(['activity', 'stage_changed', 'lead_created'])
    expect(about(lead.handed)).toEqual(['assigned', 'lead_created'])

    const [handed] = items
    expect(handed).toMatchObject({ kind: 'assigned', lead: { id: lead.handed, name: `Kabar Pindah ${stamp}` }, actor: { name: 'Ibu Ratna Owner' }, assignee: { id: who.mine, name: 'Kabar mine' } })
    expect(items.find(i => i.kind === 'activity')).toMatchObject({ activityType: 'call', outcome: 'interested', notes: 'Tertarik kelas intensif', actor: { id: who.mine } })
    expect(items.find(i => i.kind === 'stage_changed')).toMatchObject({ from: expect.any(String), to: expect.any(String), actor: { name: 'Ibu Ratna Owner' } })
    expect(items.find(i => i.kind === 'lead_created' && i.lead.id === lead.mine)).toMatchObject({ assignee: { id: who.mine } })
    const ats = items.map(i => i.at)
    expect([...ats].sort().reverse()).toEqual(ats)
  })

  it('reads the same for a Sales/CS user with many leads, along the time indexes instead of through their leads', async () => {
    const viaLeads = await walk(mine, 3)
    const sales = { id: who.mine, name: 'Kabar mine', email: `feed-mine-${stamp}@demo.test`, role: 'sales' as const, locale: 'id', sessionId: 'test' }
    const viaTime: FeedItemDto[] = []
    let cursor: string | undefined
    do {
      // Two leads are "many" here: the path a Sales/CS user with thousands of leads takes.
      const page = await recentFeed(db, sales, { limit: 3, cursor }, 2)
      viaTime.push(...page.items)
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(viaTime).toEqual(viaLeads)
  })

  it('shows the Owner everything, pages without gaps or repeats, and rejects a bad cursor', async () => {
    const small = await walk(owner, 4)
    const big = await walk(owner, 50)
    expect(small.map(i => i.key)).toEqual(big.map(i => i.key))
    expect(new Set(big.map(i => i.key)).size).toBe(big.length)
    const ours = big.filter(i => [lead.mine, lead.other, lead.handed].includes(i.lead.id))
    expect(ours.map(i => i.kind).sort()).toEqual(['activity', 'activity', 'assigned', 'lead_created', 'lead_created', 'lead_created', 'stage_changed', 'stage_changed'])
    expect((await call('GET', '/api/feed?cursor=abc', { token: owner })).status).toBe(400)
    expect((await call('GET', '/api/feed')).status).toBe(401)
  })
})

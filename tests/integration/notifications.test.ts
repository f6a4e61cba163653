import { and, eq, isNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notifications, users } from '../../server/db/schema'
import type { NotificationListDto } from '../../shared/types/notifications'
import { testDb } from '../support/db'
import { call, login } from '../support/http'
import { openStream, unreadOf } from '../support/sse'

const { db, pool } = testDb()

let owner: string
const who = { a: 0, b: 0 }
const token = { a: '', b: '' }
const stamp = Date.now()

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

beforeAll(async () => {
  owner = await login('owner@demo.test')
  for (const key of ['a', 'b'] as const) {
    const res = await call('POST', '/api/users', { token: owner, body: { name: `Lonceng ${key.toUpperCase()}`, email: `bell-${key}-${stamp}@demo.test`, role: 'sales', password: 'rahasia123' } })
    expect(res.status).toBe(201)
    who[key] = res.body.id
    token[key] = await login(`bell-${key}-${stamp}@demo.test`, 'rahasia123')
  }
})

afterAll(async () => {
  await db.update(users).set({ active: false }).where(eq(users.id, who.a))
  await db.update(users).set({ active: false }).where(eq(users.id, who.b))
  await pool.end()
})

const seed = (userId: number, n: number, opts: { read?: boolean, base?: number, title?: string } = {}) => db.insert(notifications).values(
  Array.from({ length: n }, (_, i) => ({
    userId, type: 'lead_assigned', title: `${opts.title ?? 'Catatan'} ${i}`, body: 'Isi', link: '/leads', readAt: opts.read ? new Date() : null,
    createdAt: new Date((opts.base ?? Date.now() - 3_600_000) + i * 1000),
  })),
)
const list = (t: string, query = '') => call<NotificationListDto>('GET', `/api/notifications${query}`, { token: t })
const unreadInDb = async (userId: number) => db.$count(notifications, and(eq(notifications.userId, userId), isNull(notifications.readAt)))

describe('GET /api/notifications', () => {
  it('lists one\'s own notifications newest first with the unread count, paged by cursor, filtered to unread', async () => {
    await seed(who.a, 15, { title: 'Belum' })
    await seed(who.a, 10, { read: true, title: 'Sudah', base: Date.now() - 7_200_000 })
    await seed(who.b, 3, { title: 'Milik B' })

    const first = await list(token.a, '?limit=10')
    expect(first.status).toBe(200)
    expect(first.body.unread).toBe(15)
    expect(first.body.items).toHaveLength(10)
    expect(first.body.items[0]).toMatchObject({ type: 'lead_assigned', title: 'Belum 14', body: 'Isi', link: '/leads', leadId: null, readAt: null })
    expect(first.body.items[0]!.createdAt).toMatch(ISO)
    expect(first.body.nextCursor).toBeTruthy()

    const seen = [...first.body.items]
    let cursor = first.body.nextCursor
    while (cursor) {
      const page = await list(token.a, `?limit=10&cursor=${cursor}`)
      expect(page.status).toBe(200)
      seen.push(...page.body.items)
      cursor = page.body.nextCursor
    }
    expect(seen).toHaveLength(25)
    expect(new Set(seen.map(n => n.id)).size).toBe(25)
    expect(seen.every(n => !n.title.startsWith('Milik B'))).toBe(true)
    const times = seen.map(n => n.createdAt)
    expect([...times].sort().reverse()).toEqual(times)
    expect(seen.filter(n => n.readAt).every(n => ISO.test(n.readAt!))).toBe(true)

    const unread = await list(token.a, '?filter=unread&limit=50')
    expect(unread.body.items).toHaveLength(15)
    expect(unread.body.items.every(n => n.readAt === null)).toBe(true)
    expect(unread.body.nextCursor).toBeNull()

    expect((await list(token.a, '?limit=500')).status).toBe(400)
    expect((await list(token.a, '?cursor=kemarin')).status).toBe(400)
    expect((await call('GET', '/api/notifications')).status).toBe(401)
  })
})

describe('POST /api/notifications/read', () => {
  it('marks only the caller\'s own rows: another user\'s ids are ignored like missing ones', async () => {
    const mine = (await list(token.a, '?filter=unread&limit=2')).body.items
    const theirs = (await list(token.b, '?filter=unread&limit=50')).body.items
    expect(theirs.length).toBeGreaterThan(0)
    const before = await unreadInDb(who.a)

    const foreign = await call('POST', '/api/notifications/read', { token: token.a, body: { ids: theirs.map(n => n.id) } })
    expect(foreign.status).toBe(200)
    expect(foreign.body).toEqual({ updated: 0, unread: before })
    expect(await unreadInDb(who.b)).toBe(theirs.length)

    const one = await call('POST', '/api/notifications/read', { token: token.a, body: { ids: [mine[0]!.id, theirs[0]!.id, 999_999_999] } })
    expect(one.body).toEqual({ updated: 1, unread: before - 1 })
    // Marking again changes nothing.
    expect((await call('POST', '/api/notifications/read', { token: token.a, body: { ids: [mine[0]!.id] } })).body).toEqual({ updated: 0, unread: before - 1 })
    const [row] = await db.select().from(notifications).where(eq(notifications.id, mine[0]!.id))
    expect(row!.readAt).toBeInstanceOf(Date)

    const all = await call('POST', '/api/notifications/read', { token: token.a, body: { all: true } })
    expect(all.body).toEqual({ updated: before - 1, unread: 0 })
    expect(await unreadInDb(who.a)).toBe(0)
    expect(await unreadInDb(who.b)).toBe(theirs.length)
  })

  it('answers 400 for anything but { ids } or { all: true }', async () => {
    for (const body of [{}, { ids: [] }, { ids: ['x'] }, { all: false }, { ids: [1], all: true }]) {
      const res = await call('POST', '/api/notifications/read', { token: token.a, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
    }
  })
})

describe('GET /api/notifications/stream', () => {
  it('needs a session', async () => {
    expect((await call('GET', '/api/notifications/stream')).status).toBe(401)
  })

  it('pushes the unread count at connect, on a new notification, on one written by another process, and on read', async () => {
    await call('POST', '/api/notifications/read', { token: token.b, body: { all: true } })
    const stream = await openStream('/api/notifications/stream', token.b)
    try {
      expect(stream.res.status).toBe(200)
      expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/)
      const hello = await stream.next(e => e.event === 'unread')
      expect(unreadOf(hello)).toBe(0)

      // Through the app: the owner assigns B a lead, notify() signals this process.
      let from = stream.events.length
      const lead = await call('POST', '/api/leads', { token: owner, body: { studentName: `Lonceng Langsung ${stamp}`, assignedTo: who.b } })
      expect(lead.status).toBe(201)
      const live = await stream.next(e => unreadOf(e) === 1, { from, timeout: 2000 })
      expect(live.ms).toBeLessThan(2000)

      // Straight into the database, as another app process would: found by the periodic check.
      from = stream.events.length
      await seed(who.b, 2, { title: 'Proses lain', base: Date.now() })
      await stream.next(e => unreadOf(e) === 3, { from, timeout: 7000 })

      // Read in another tab: this one hears of it.
      from = stream.events.length
      await call('POST', '/api/notifications/read', { token: token.b, body: { all: true } })
      await stream.next(e => unreadOf(e) === 0, { from, timeout: 2000 })
      expect(stream.comments).toContain('connected')
    }
    finally {
      stream.close()
    }
  })

  it('closes when the session ends', async () => {
    const t = await login(`bell-b-${stamp}@demo.test`, 'rahasia123')
    const stream = await openStream('/api/notifications/stream', t)
    await stream.next(e => e.event === 'unread')
    expect((await call('POST', '/api/auth/logout', { token: t })).status).toBe(200)
    await stream.closed(8000)
    expect(stream.ended).toBe(true)
  })
})

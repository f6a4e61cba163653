import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notifications, outbox, users } from '../../server/db/schema'
import { DEFAULT_NOTIFICATION_PREFS } from '../../shared/enums/notifications'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

const { db, pool } = testDb()

let owner: string
let me: string
let myId = 0
const stamp = Date.now()
const PATH = '/api/me/notification-prefs'

beforeAll(async () => {
  owner = await login('owner@demo.test')
  const res = await call('POST', '/api/users', { token: owner, body: { name: 'Pilihan Notif', email: `prefs-${stamp}@demo.test`, role: 'sales', password: 'rahasia123' } })
  expect(res.status).toBe(201)
  myId = res.body.id
  me = await login(`prefs-${stamp}@demo.test`, 'rahasia123')
})

afterAll(async () => {
  await db.update(users).set({ active: false }).where(eq(users.id, myId))
  await pool.end()
})

const assignToMe = async (name: string) => {
  const res = await call('POST', '/api/leads', { token: owner, body: { studentName: name, assignedTo: myId } })
  expect(res.status).toBe(201)
  const id: number = res.body.id
  return {
    id,
    inApp: await db.select().from(notifications).where(and(eq(notifications.userId, myId), eq(notifications.leadId, id))),
    email: await db.select().from(outbox).where(and(eq(outbox.userId, myId), eq(outbox.kind, 'lead_assigned'))),
  }
}

describe('/api/me/notification-prefs', () => {
  it('starts from the defaults, round-trips a change, keeps kinds not sent, and keeps the digest e-mail only', async () => {
    const first = await call('GET', PATH, { token: me })
    expect(first.status).toBe(200)
    expect(first.body).toEqual(DEFAULT_NOTIFICATION_PREFS)

    const put = await call('PUT', PATH, { token: me, body: { lead_changed: { inApp: false, email: true }, daily_digest: { inApp: true, email: false } } })
    expect(put.status).toBe(200)
    const expected = { ...DEFAULT_NOTIFICATION_PREFS, lead_changed: { inApp: false, email: true }, daily_digest: { inApp: false, email: false } }
    expect(put.body).toEqual(expected)
    expect((await call('GET', PATH, { token: me })).body).toEqual(expected)
    const [row] = await db.select({ prefs: users.notificationPrefs }).from(users).where(eq(users.id, myId))
    const stored = typeof row!.prefs === 'string' ? JSON.parse(row!.prefs) : row!.prefs
    expect(stored).toEqual(expected)

    // Another user's choices are their own.
    expect((await call('GET', PATH, { token: owner })).body.lead_changed).toEqual(DEFAULT_NOTIFICATION_PREFS.lead_changed)
  })

  it('answers 400 with field errors for bad input, and 401 without a session', async () => {
    const bad = await call('PUT', PATH, { token: me, body: { lead_assigned: { inApp: 'ya', email: true }, follow_up_due: { inApp: true } } })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.data.fieldErrors).sort()).toEqual(['follow_up_due', 'lead_assigned'])
    expect((await call('PUT', PATH, { token: me, body: { birthday: { inApp: true, email: true } } })).status).toBe(400)
    expect((await call('PUT', PATH, { token: me, body: [] })).status).toBe(400)
    expect((await call('GET', PATH)).status).toBe(401)
    expect((await call('PUT', PATH, { body: {} })).status).toBe(401)
  })

  it('notify() honours them: in-app off writes no notification, e-mail on still queues the e-mail', async () => {
    const on = await assignToMe(`Prefs Bawaan ${stamp}`)
    expect(on.inApp).toHaveLength(1)
    const emailsBefore = on.email.length
    expect(emailsBefore).toBeGreaterThan(0)

    expect((await call('PUT', PATH, { token: me, body: { lead_assigned: { inApp: false, email: true } } })).status).toBe(200)
    const off = await assignToMe(`Prefs Tanpa Lonceng ${stamp}`)
    expect(off.inApp).toHaveLength(0)
    expect(off.email).toHaveLength(emailsBefore + 1)

    expect((await call('PUT', PATH, { token: me, body: { lead_assigned: { inApp: false, email: false } } })).status).toBe(200)
    const none = await assignToMe(`Prefs Senyap ${stamp}`)
    expect(none.inApp).toHaveLength(0)
    expect(none.email).toHaveLength(emailsBefore + 1)
  })
})

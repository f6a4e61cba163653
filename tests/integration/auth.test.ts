import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { eventLogs, sessions, users } from '../../server/db/schema'
import { testDb } from '../support/db'
import { baseURL, call, freshIp, login } from '../support/http'

const { db, pool } = testDb()
afterAll(() => pool.end())

describe('POST /api/auth/login', () => {
  it('answers with the session token at /token and logs the login with the address', async () => {
    const ip = freshIp()
    const res = await call('POST', '/api/auth/login', { body: { email: 'Owner@Demo.Test ', password: 'demo12345' }, headers: { 'x-forwarded-for': ip } })
    expect(res.status).toBe(200)
    expect(res.body.token).toMatch(/^[\w-]{40,}$/)
    const [event] = await db.select().from(eventLogs).where(eq(eventLogs.ip, ip))
    expect(event).toMatchObject({ type: 'login', subject: 'owner@demo.test' })
    expect(event!.userId).toBeGreaterThan(0)
  })

  it('stores only a hash of the token', async () => {
    const token = await login('manager@demo.test')
    const rows = await db.select({ id: sessions.id }).from(sessions)
    expect(rows.some(r => r.id === token)).toBe(false)
    expect(rows.every(r => /^[0-9a-f]{64}$/.test(r.id))).toBe(true)
  })

  it('rejects bad input with field errors and a wrong password with 401', async () => {
    const bad = await call('POST', '/api/auth/login', { body: { email: 'not-an-email' }, headers: { 'x-forwarded-for': freshIp() } })
    expect(bad.status).toBe(400)
    expect(bad.body.data.fieldErrors).toHaveProperty('email')
    expect(bad.body.data.fieldErrors).toHaveProperty('password')
    const ip = freshIp()
    const wrong = await call('POST', '/api/auth/login', { body: { email: 'admin@demo.test', password: 'nope-nope' }, headers: { 'x-forwarded-for': ip } })
    expect(wrong.status).toBe(401)
    const [event] = await db.select().from(eventLogs).where(eq(eventLogs.ip, ip))
    expect(event).toMatchObject({ type: 'login_failed', subject: 'admin@demo.test' })
  })

  it('answers malformed JSON with a 400, not a 500', async () => {
    const res = await fetch(`${baseURL()}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' })
    expect(res.status).toBe(400)
  })

  it('throttles repeated failures for one account (429 with Retry-After), even from many addresses', async () => {
    const email = 'sales4@demo.test'
    for (let i = 0; i < 5; i++) {
      const res = await call('POST', '/api/auth/login', { body: { email, password: `wrong-${i}` }, headers: { 'x-forwarded-for': freshIp() } })
      expect(res.status).toBe(401)
    }
    const blocked = await call('POST', '/api/auth/login', { body: { email, password: 'demo12345' }, headers: { 'x-forwarded-for': freshIp() } })
    expect(blocked.status).toBe(429)
    const retryAfter = Number(blocked.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(15 * 60)
  })

  it('throttles one address trying many accounts', async () => {
    const ip = freshIp()
    let last = 0
    for (let i = 0; i < 21; i++) {
      const res = await call('POST', '/api/auth/login', { body: { email: `nobody${i}@demo.test`, password: 'whatever1' }, headers: { 'x-forwarded-for': ip } })
      last = res.status
    }
    expect(last).toBe(429)
    // Another address is not affected.
    expect((await call('POST', '/api/auth/login', { body: { email: 'admin2@demo.test', password: 'demo12345' }, headers: { 'x-forwarded-for': freshIp() } })).status).toBe(200)
  })
})

describe('sessions', () => {
  it('GET /api/auth/session returns the user by bearer token and by cookie', async () => {
    const token = await login('admin@demo.test')
    const byHeader = await call('GET', '/api/auth/session', { token })
    expect(byHeader.status).toBe(200)
    expect(byHeader.body).toEqual({ id: expect.any(Number), name: 'Dewi Admin', email: 'admin@demo.test', role: 'admin', locale: 'id' })
    const byCookie = await call('GET', '/api/auth/session', { headers: { cookie: `auth.token=${encodeURIComponent(`Bearer ${token}`)}` } })
    expect(byCookie.status).toBe(200)
    expect(byCookie.body.email).toBe('admin@demo.test')
    const rawCookie = await call('GET', '/api/auth/session', { headers: { cookie: `auth.token=${token}` } })
    expect(rawCookie.body.email).toBe('admin@demo.test')
  })

  it('401 without a token or with a made-up one', async () => {
    expect((await call('GET', '/api/auth/session')).status).toBe(401)
    expect((await call('GET', '/api/auth/session', { token: 'x'.repeat(43) })).status).toBe(401)
  })

  it('logout ends the session on the next request and is logged', async () => {
    const token = await login('sales2@demo.test')
    expect((await call('GET', '/api/auth/session', { token })).status).toBe(200)
    expect((await call('POST', '/api/auth/logout', { token })).status).toBe(200)
    expect((await call('GET', '/api/auth/session', { token })).status).toBe(401)
    const [user] = await db.select().from(users).where(eq(users.email, 'sales2@demo.test'))
    const events = await db.select().from(eventLogs).where(eq(eventLogs.userId, user!.id))
    expect(events.map(e => e.type)).toContain('logout')
  })

  it('an expired session no longer works', async () => {
    const token = await login('sales3@demo.test')
    const [user] = await db.select().from(users).where(eq(users.email, 'sales3@demo.test'))
    await db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, user!.id))
    expect((await call('GET', '/api/auth/session', { token })).status).toBe(401)
  })
})

describe('every API route needs a session', () => {
  it.each(['/api/users', '/api/me', '/api/users/1', '/api/anything-unknown'])('%s answers 401 without one', async (path) => {
    expect((await call('GET', path)).status).toBe(401)
  })
})

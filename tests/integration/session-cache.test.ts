import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessions, users } from '../../server/db/schema'
import { freshIp } from '../support/http'
import { startCluster, waitFor } from '../support/scheduler'
import type { Cluster } from '../support/scheduler'

/**
 * Each process keeps the sessions it checked for RECHECK_MS (5 s; server/services/auth/session-cache.ts). Two
 * app processes on one database: a revocation made through one process is refused there at once, and by the other
 * as soon as its cached check is older than 5 s, never later.
 */
const RECHECK_MS = 5_000
/** Scheduling slack on a loaded 2-core machine. */
const SLACK_MS = 1_500

let cluster: Cluster
let a: string
let b: string

async function req(base: string, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}), 'x-forwarded-for': freshIp() },
    body: body ? JSON.stringify(body) : undefined,
  })
  return { status: res.status, body: await res.json().catch(() => null) as Record<string, unknown> | null }
}

async function loginAt(base: string, email: string, password = 'demo12345') {
  const res = await req(base, 'POST', '/api/auth/login', undefined, { email, password })
  expect(res.status).toBe(200)
  return res.body!.token as string
}

/** Polls `base` until the token is refused; the milliseconds from `since` until it was. */
async function refusedWithin(base: string, token: string, since: number) {
  await waitFor('the session to be refused', async () => (await req(base, 'GET', '/api/auth/session', token)).status, s => s === 401, RECHECK_MS + SLACK_MS * 2, 100)
  return Date.now() - since
}

beforeAll(async () => {
  cluster = await startCluster('sessions2', 2, { SCHEDULER_ENABLED: 'false' })
  ;[a, b] = cluster.servers.map(s => s.url) as [string, string]
}, 120_000)

afterAll(async () => {
  await cluster?.close()
})

describe('the per-process session cache', () => {
  it('logout: refused at once by the process that ended it, within 5 s by the other', async () => {
    const token = await loginAt(a, 'sales@demo.test')
    // Both processes have checked (and cached) the session.
    expect((await req(a, 'GET', '/api/leads', token)).status).toBe(200)
    expect((await req(b, 'GET', '/api/leads', token)).status).toBe(200)
    expect((await req(a, 'POST', '/api/auth/logout', token)).status).toBe(200)
    const ended = Date.now()
    expect((await req(a, 'GET', '/api/auth/session', token)).status).toBe(401)
    expect((await req(a, 'GET', '/api/leads', token)).status).toBe(401)
    expect(await refusedWithin(b, token, ended)).toBeLessThanOrEqual(RECHECK_MS + SLACK_MS)
  })

  it('deactivation: refused at once where it was made, within 5 s elsewhere; sign-in blocked everywhere', async () => {
    const owner = await loginAt(a, 'owner@demo.test')
    const created = await req(a, 'POST', '/api/users', owner, { name: 'Cache Test', email: `cache-${Date.now()}@demo.test`, role: 'sales', password: 'rahasia123' })
    expect(created.status).toBe(201)
    const email = created.body!.email as string
    const token = await loginAt(b, email, 'rahasia123')
    expect((await req(a, 'GET', '/api/auth/session', token)).status).toBe(200)
    expect((await req(b, 'GET', '/api/auth/session', token)).status).toBe(200)
    expect((await req(a, 'PATCH', `/api/users/${created.body!.id}`, owner, { active: false })).status).toBe(200)
    const ended = Date.now()
    expect((await req(a, 'GET', '/api/auth/session', token)).status).toBe(401)
    expect(await refusedWithin(b, token, ended)).toBeLessThanOrEqual(RECHECK_MS + SLACK_MS)
    expect((await req(b, 'POST', '/api/auth/login', undefined, { email, password: 'rahasia123' })).status).toBe(401)
  })

  it('a role change shows at once where it was made, within 5 s elsewhere', async () => {
    const owner = await loginAt(a, 'owner@demo.test')
    const created = await req(a, 'POST', '/api/users', owner, { name: 'Peran Berubah', email: `role-${Date.now()}@demo.test`, role: 'sales', password: 'rahasia123' })
    expect(created.status).toBe(201)
    const token = await loginAt(a, created.body!.email as string, 'rahasia123')
    expect((await req(a, 'GET', '/api/auth/session', token)).body!.role).toBe('sales')
    expect((await req(b, 'GET', '/api/auth/session', token)).body!.role).toBe('sales')
    // Sales/CS may not list users; an Admin may.
    expect((await req(a, 'GET', '/api/users', token)).status).toBe(403)
    expect((await req(a, 'PATCH', `/api/users/${created.body!.id}`, owner, { role: 'admin' })).status).toBe(200)
    const changed = Date.now()
    expect((await req(a, 'GET', '/api/auth/session', token)).body!.role).toBe('admin')
    await waitFor('the new role on the other process', async () => (await req(b, 'GET', '/api/auth/session', token)).body!.role, r => r === 'admin', RECHECK_MS + SLACK_MS * 2, 100)
    expect(Date.now() - changed).toBeLessThanOrEqual(RECHECK_MS + SLACK_MS)
  })

  it('a password change ends the other sessions at once in its process, within 5 s in the other; its own stays', async () => {
    const owner = await loginAt(a, 'owner@demo.test')
    const email = `pw-${Date.now()}@demo.test`
    expect((await req(a, 'POST', '/api/users', owner, { name: 'Ganti Sandi', email, role: 'sales', password: 'rahasia123' })).status).toBe(201)
    const here = await loginAt(a, email, 'rahasia123')
    const other = await loginAt(a, email, 'rahasia123')
    const there = await loginAt(b, email, 'rahasia123')
    for (const [base, token] of [[a, other], [b, there]] as const) expect((await req(base, 'GET', '/api/auth/session', token)).status).toBe(200)
    expect((await req(a, 'POST', '/api/me/password', here, { currentPassword: 'rahasia123', newPassword: 'rahasia456' })).status).toBe(200)
    const ended = Date.now()
    expect((await req(a, 'GET', '/api/auth/session', other)).status).toBe(401)
    expect((await req(a, 'GET', '/api/auth/session', here)).status).toBe(200)
    expect(await refusedWithin(b, there, ended)).toBeLessThanOrEqual(RECHECK_MS + SLACK_MS)
  })

  it('a session ended in the database by hand is refused by both processes within 5 s', async () => {
    const token = await loginAt(a, 'sales2@demo.test')
    expect((await req(a, 'GET', '/api/auth/session', token)).status).toBe(200)
    expect((await req(b, 'GET', '/api/auth/session', token)).status).toBe(200)
    const [user] = await cluster.db.select({ id: users.id }).from(users).where(eq(users.email, 'sales2@demo.test'))
    await cluster.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, user!.id))
    const ended = Date.now()
    expect(await refusedWithin(a, token, ended)).toBeLessThanOrEqual(RECHECK_MS + SLACK_MS)
    expect(await refusedWithin(b, token, ended)).toBeLessThanOrEqual(RECHECK_MS + SLACK_MS)
  })
})

import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLogs, shareLinks, shareLinkViews } from '../../server/db/schema'
import { sha256Hex } from '../../server/utils/crypto'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

/** Shared report links: made, listed and revoked by their creator; opened without a session until they close. */
const { db, pool } = testDb()
afterAll(() => pool.end())

const token: Record<string, string> = {}
const tokenOf = (url: string) => url.split('/r/')[1]!

beforeAll(async () => {
  for (const name of ['owner', 'manager', 'admin', 'sales']) token[name] = await login(`${name}@demo.test`)
})

async function share(who: string, body: Record<string, unknown>) {
  return call('POST', '/api/share-links', { token: token[who], body })
}

describe('POST /api/share-links', () => {
  it('makes a link with a random token, stores only its hash, and keeps the filters as the report read them', async () => {
    const res = await share('manager', { report: 'target-vs-real', params: { from: '2040-01', to: '2040-03' }, expiresInDays: 7 })
    expect(res.status).toBe(201)
    expect(res.body.url).toMatch(/^http:\/\/[^/]+\/r\/[\w-]{43}$/)
    const [row] = await db.select().from(shareLinks).where(eq(shareLinks.id, res.body.id))
    expect(row!.tokenHash).toBe(sha256Hex(tokenOf(res.body.url)))
    expect(JSON.stringify(row)).not.toContain(tokenOf(res.body.url))
    expect(row!.params).toEqual({ from: '2040-01', to: '2040-03' })
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(7 * 86_400_000)
    const audit = await db.select().from(auditLogs).where(eq(auditLogs.entity, 'share_link'))
    expect(audit.some(a => a.entityId === String(res.body.id) && a.action === 'share_link.create')).toBe(true)
  })

  it('fills in the default period, so the link shows the same months later', async () => {
    const res = await share('owner', { report: 'target-vs-real', params: {}, expiresInDays: 1 })
    expect(res.status).toBe(201)
    const [row] = await db.select().from(shareLinks).where(eq(shareLinks.id, res.body.id))
    expect(Object.keys(row!.params).sort()).toEqual(['from', 'to'])
  })

  it('refuses bad input with field errors and writes nothing', async () => {
    const before = (await db.select().from(shareLinks)).length
    const noDays = await share('owner', { report: 'target-vs-real', params: {}, expiresInDays: 3 })
    expect(noDays.status).toBe(400)
    expect(noDays.body.data.fieldErrors.expiresInDays).toBeDefined()
    const noReport = await share('owner', { report: 'payroll', params: {}, expiresInDays: 7 })
    expect(noReport.status).toBe(400)
    expect(noReport.body.data.fieldErrors.report).toBeDefined()
    const badFilter = await share('owner', { report: 'target-vs-real', params: { from: '2040-09', to: '2040-01' }, expiresInDays: 7 })
    expect(badFilter.status).toBe(400)
    expect(badFilter.body.data.fieldErrors.from).toBeDefined()
    const badMonth = await share('owner', { report: 'dashboard', params: { month: '2040-1' }, expiresInDays: 7 })
    expect(badMonth.status).toBe(400)
    expect((await db.select().from(shareLinks)).length).toBe(before)
    expect((await call('POST', '/api/share-links', { body: { report: 'dashboard', params: {}, expiresInDays: 7 } })).status).toBe(401)
  })
})

describe('GET /api/shared/:token (no session)', () => {
  it('renders the report as its creator sees it, counts and logs every view', async () => {
    const made = await share('admin', { report: 'target-vs-real', params: { from: '2040-01', to: '2040-02' }, expiresInDays: 30 })
    const t = tokenOf(made.body.url)
    const first = await call('GET', `/api/shared/${t}`, { headers: { 'user-agent': 'Phone/1.0' } })
    expect(first.status).toBe(200)
    expect(first.headers.get('cache-control')).toBe('no-store')
    expect(first.body).toMatchObject({ report: 'target-vs-real', sharedBy: expect.any(String), response: { params: { from: '2040-01', to: '2040-02' }, money: false } })
    // The creator is an Admin: no money on the shared page either.
    expect(JSON.stringify(first.body)).not.toContain('revenue')
    expect(first.body.response.data.months.map((m: any) => m.month)).toEqual(['2040-01', '2040-02'])
    await call('GET', `/api/shared/${t}`)
    const [row] = await db.select().from(shareLinks).where(eq(shareLinks.id, made.body.id))
    expect(row!.views).toBe(2)
    expect(row!.lastViewedAt).not.toBeNull()
    const views = await db.select().from(shareLinkViews).where(eq(shareLinkViews.linkId, made.body.id))
    expect(views).toHaveLength(2)
    expect(views.map(v => v.userAgent)).toContain('Phone/1.0')
  })

  it('shares the dashboard of a month, in its creator\'s scope', async () => {
    const made = await share('sales', { report: 'dashboard', params: { month: '2040-01' }, expiresInDays: 7 })
    expect(made.status).toBe(201)
    const res = await call('GET', `/api/shared/${tokenOf(made.body.url)}`)
    expect(res.status).toBe(200)
    expect(res.body.response).toMatchObject({ report: 'dashboard', params: { month: '2040-01' }, scope: 'own' })
    expect(res.body.response.data.month).toBe('2040-01')
  })

  it('answers 410 with the reason once a link is revoked or has expired, and 404 for an unknown token', async () => {
    const made = await share('owner', { report: 'target-vs-real', params: {}, expiresInDays: 1 })
    const t = tokenOf(made.body.url)
    expect((await call('GET', `/api/shared/${t}`)).status).toBe(200)
    const revoked = await call('DELETE', `/api/share-links/${made.body.id}`, { token: token.owner })
    expect(revoked.status).toBe(200)
    expect(revoked.body.state).toBe('revoked')
    const after = await call('GET', `/api/shared/${t}`)
    expect(after.status).toBe(410)
    expect(after.body.data.reason).toBe('revoked')

    const old = await share('owner', { report: 'target-vs-real', params: {}, expiresInDays: 1 })
    await db.update(shareLinks).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(shareLinks.id, old.body.id))
    const expired = await call('GET', `/api/shared/${tokenOf(old.body.url)}`)
    expect(expired.status).toBe(410)
    expect(expired.body.data.reason).toBe('expired')

    expect((await call('GET', '/api/shared/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404)
    expect((await call('GET', '/api/shared/short')).status).toBe(404)
  })
})

describe('the creator\'s links', () => {
  it('lists only one\'s own links, newest first, with their state and views', async () => {
    const mine = await call('GET', '/api/share-links', { token: token.manager })
    expect(mine.status).toBe(200)
    expect(mine.body.length).toBeGreaterThan(0)
    const [row] = await db.select().from(shareLinks).where(eq(shareLinks.id, mine.body[0].id))
    expect(row!.createdBy).not.toBeUndefined()
    const managerLinks = await db.select().from(shareLinks)
    const managerId = managerLinks.find(l => l.id === mine.body[0].id)!.createdBy
    expect(mine.body.every((l: any) => managerLinks.find(r => r.id === l.id)!.createdBy === managerId)).toBe(true)
    expect(mine.body[0]).toMatchObject({ report: 'target-vs-real', state: 'active', views: 0 })
    const filtered = await call('GET', '/api/share-links?report=dashboard', { token: token.manager })
    expect(filtered.body).toEqual([])
  })

  it('lets no one revoke someone else\'s link', async () => {
    const made = await share('manager', { report: 'target-vs-real', params: {}, expiresInDays: 7 })
    expect((await call('DELETE', `/api/share-links/${made.body.id}`, { token: token.owner })).status).toBe(404)
    expect((await call('GET', `/api/shared/${tokenOf(made.body.url)}`)).status).toBe(200)
  })
})

import { and, desc, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLogs, outbox } from '../../server/db/schema'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

describe('Settings > Deliveries (outbox) API', () => {
  const { db, pool } = testDb()
  let owner: string
  let manager: string
  const ids: number[] = []
  beforeAll(async () => {
    owner = await login('owner@demo.test')
    manager = await login('manager@demo.test')
    const base = { channel: 'email' as const, kind: 'follow_up_due', recipient: 'admin@demo.test', payload: { to: 'admin@demo.test', subject: 'Uji outbox', text: 't', html: 'h' } }
    const [failed] = await db.insert(outbox).values({ ...base, idempotencyKey: `test:failed:${Date.now()}`, status: 'failed', attempts: 8, lastError: '550 mailbox unavailable', nextAttemptAt: new Date() })
    const [retrying] = await db.insert(outbox).values({ ...base, idempotencyKey: `test:retrying:${Date.now()}`, status: 'pending', attempts: 2, lastError: '451 try later', nextAttemptAt: new Date(Date.now() + 3_600_000) })
    const [sent] = await db.insert(outbox).values({ ...base, idempotencyKey: `test:sent:${Date.now()}`, status: 'sent', attempts: 1, sentAt: new Date(), nextAttemptAt: new Date() })
    ids.push(failed.insertId, retrying.insertId, sent.insertId)
  })
  afterAll(async () => {
    await db.delete(outbox).where(inArray(outbox.id, ids))
    await pool.end()
  })

  it('lists deliveries by state for the Owner only', async () => {
    const res = await call('GET', '/api/outbox?view=failed', { token: owner })
    expect(res.status).toBe(200)
    const item = res.body.items.find((i: { id: number }) => i.id === ids[0])
    expect(item).toMatchObject({ status: 'failed', attempts: 8, lastError: '550 mailbox unavailable', subject: 'Uji outbox', recipient: 'admin@demo.test' })
    expect(res.body.counts.failed).toBeGreaterThanOrEqual(1)
    expect(res.body.counts.retrying).toBeGreaterThanOrEqual(1)
    const retrying = await call('GET', '/api/outbox?view=retrying', { token: owner })
    expect(retrying.body.items.map((i: { id: number }) => i.id)).toContain(ids[1])
    expect((await call('GET', '/api/outbox', { token: manager })).status).toBe(403)
    expect((await call('GET', '/api/outbox')).status).toBe(401)
    const bad = await call('GET', '/api/outbox?view=lost&pageSize=7', { token: owner })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.data.fieldErrors).sort()).toEqual(['pageSize', 'view'])
  })

  it('retries failed deliveries only, with fresh attempts, and audits it', async () => {
    expect((await call('POST', '/api/outbox/retry', { token: manager, body: { ids: [ids[0]] } })).status).toBe(403)
    const bad = await call('POST', '/api/outbox/retry', { token: owner, body: { ids: [] } })
    expect(bad.status).toBe(400)
    // Rows that did not fail are left alone.
    const none = await call('POST', '/api/outbox/retry', { token: owner, body: { ids: [ids[1], ids[2]] } })
    expect(none.body).toEqual({ retried: 0 })
    const res = await call('POST', '/api/outbox/retry', { token: owner, body: { ids: [ids[0]] } })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ retried: 1 })
    const [row] = await db.select().from(outbox).where(eq(outbox.id, ids[0]!))
    expect(row).toMatchObject({ status: 'pending', attempts: 0, lastError: '550 mailbox unavailable' })
    expect(row!.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000)
    const [entry] = await db.select().from(auditLogs).where(and(eq(auditLogs.entity, 'outbox'), eq(auditLogs.action, 'retry'))).orderBy(desc(auditLogs.id)).limit(1)
    expect(entry).toMatchObject({ entityId: String(ids[0]), after: { retried: 1 } })
  })
})

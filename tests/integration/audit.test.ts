import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { auditLogs, eventLogs, users } from '../../server/db/schema'
import { audit } from '../../server/services/audit'
import { logEvent } from '../../server/services/events'
import { testDb } from '../support/db'

const { db, pool } = testDb()
afterAll(() => pool.end())
const meta = { ip: '10.250.0.1', userAgent: 'vitest' }

describe('audit() and the event log against the real database', () => {
  it('writes the diff in the same transaction: a rolled-back change leaves no entry', async () => {
    const [owner] = await db.select().from(users).where(eq(users.email, 'owner@demo.test'))
    const entityId = `rollback-${Date.now()}`
    await expect(db.transaction(async (tx) => {
      await audit(tx, owner!, meta, { action: 'update', entity: 'probe', entityId, before: { name: 'a' }, after: { name: 'b' } })
      throw new Error('boom')
    })).rejects.toThrow('boom')
    expect(await db.select().from(auditLogs).where(eq(auditLogs.entityId, entityId))).toEqual([])

    await db.transaction(tx => audit(tx, owner!, meta, { action: 'update', entity: 'probe', entityId, before: { name: 'a', phone: '+6281234567890', same: 1 }, after: { name: 'b', phone: '+6289876543210', same: 1 } }))
    const [row] = await db.select().from(auditLogs).where(eq(auditLogs.entityId, entityId))
    // Only what changed, personal data masked, who and from where.
    expect(row).toMatchObject({ userId: owner!.id, ip: '10.250.0.1', before: { name: 'a', phone: '•••7890' }, after: { name: 'b', phone: '•••3210' } })
    expect(row!.before).not.toHaveProperty('same')
  })

  it('logs an event with who, when and where', async () => {
    const before = new Date(Date.now() - 1000)
    await logEvent(db, 'export', meta, { userId: null, subject: 'probe@demo.test', data: { rows: 3 } })
    const [row] = await db.select().from(eventLogs).where(eq(eventLogs.subject, 'probe@demo.test'))
    expect(row).toMatchObject({ type: 'export', ip: '10.250.0.1', userAgent: 'vitest', meta: { rows: 3 } })
    expect(row!.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime())
    expect(row!.createdAt.getTime()).toBeLessThan(Date.now() + 1000)
  })
})

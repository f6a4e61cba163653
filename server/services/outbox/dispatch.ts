import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm'
import { outbox } from '../../db/schema'
import type { OutboxRow } from '../../db/schema'
import type { Database } from '../../utils/db'
import { useEnv } from '../../utils/env'
import type { EmailPayload } from './enqueue'
import { sendEmail } from './mailer'

/** This process, as it signs its leases. */
export const WORKER_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`.slice(0, 64)

/** Rows claimed per round. */
const CLAIM_BATCH = 50

export interface DispatchResult {
  sent: number
  retried: number
  failed: number
}

/** Delay before attempt n+1 after n failed attempts: base * 2^(n-1), capped at one hour. */
export function backoffMs(attempts: number, baseSeconds = useEnv().OUTBOX_RETRY_BASE_SECONDS): number {
  return Math.min(baseSeconds * 1000 * 2 ** Math.max(0, attempts - 1), 3_600_000)
}

/**
 * Claim up to `limit` deliveries for this process: pending ones whose time has come, and ones
 * whose lease ran out (their process died mid-send). SELECT ... FOR UPDATE SKIP LOCKED lets
 * every process claim at once without waiting for or taking each other's rows.
 */
export async function claimDeliveries(db: Database, limit = CLAIM_BATCH, now = new Date()): Promise<OutboxRow[]> {
  const leaseUntil = new Date(now.getTime() + useEnv().OUTBOX_LEASE_SECONDS * 1000)
  return db.transaction(async (tx) => {
    const expired = await tx.select({ id: outbox.id }).from(outbox)
      .where(and(eq(outbox.status, 'sending'), lte(outbox.leaseUntil, now)))
      .orderBy(asc(outbox.leaseUntil)).limit(limit).for('update', { skipLocked: true })
    const due = expired.length < limit
      ? await tx.select({ id: outbox.id }).from(outbox)
          .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
          .orderBy(asc(outbox.nextAttemptAt)).limit(limit - expired.length).for('update', { skipLocked: true })
      : []
    const ids = [...expired, ...due].map(r => r.id)
    if (!ids.length) return []
    await tx.update(outbox)
      .set({ status: 'sending', leaseUntil, leasedBy: WORKER_ID, attempts: sql`${outbox.attempts} + 1` })
      .where(inArray(outbox.id, ids))
    return tx.select().from(outbox).where(inArray(outbox.id, ids))
  })
}

/** Record the outcome of one attempt, only if this process still holds the lease. */
async function settle(db: Database, row: OutboxRow, error: unknown, now = new Date()): Promise<'sent' | 'retried' | 'failed'> {
  const held = and(eq(outbox.id, row.id), eq(outbox.leasedBy, WORKER_ID), eq(outbox.status, 'sending'))
  if (!error) {
    await db.update(outbox).set({ status: 'sent', sentAt: now, leaseUntil: null }).where(held)
    return 'sent'
  }
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000)
  const env = useEnv()
  if (row.attempts >= env.OUTBOX_MAX_ATTEMPTS) {
    await db.update(outbox).set({ status: 'failed', lastError: message, leaseUntil: null }).where(held)
    return 'failed'
  }
  await db.update(outbox)
    .set({ status: 'pending', lastError: message, leaseUntil: null, nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts)) })
    .where(held)
  return 'retried'
}

/**
 * Send what is due until nothing is left or the time budget is spent: claim a batch, send it with
 * OUTBOX_CONCURRENCY messages in flight, mark each sent, or pending again with exponential
 * back-off and the error, or failed after OUTBOX_MAX_ATTEMPTS. A process killed mid-send leaves
 * its rows 'sending' until the lease runs out; then another process takes them over.
 */
export async function dispatchOutbox(db: Database, budgetMs = 50_000): Promise<DispatchResult> {
  const result: DispatchResult = { sent: 0, retried: 0, failed: 0 }
  const started = Date.now()
  const concurrency = useEnv().OUTBOX_CONCURRENCY
  while (Date.now() - started < budgetMs) {
    const batch = await claimDeliveries(db)
    if (!batch.length) break
    let next = 0
    const worker = async () => {
      while (next < batch.length) {
        const row = batch[next++]!
        let error: unknown = null
        try {
          await sendEmail(row.payload as EmailPayload, `<${row.idempotencyKey.replace(/[^\w.:-]/g, '_')}@crm.outbox>`)
        }
        catch (e) {
          error = e
        }
        result[await settle(db, row, error)]++
      }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, worker))
  }
  return result
}

import { and, count, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import type { OutboxCounts, OutboxItem, OutboxList, OutboxQuery, OutboxRetryInput, OutboxView } from '../../../shared/schemas/outbox'
import { outbox } from '../../db/schema'
import type { OutboxRow } from '../../db/schema'
import type { Database } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { audit } from '../audit'
import type { SessionUser } from '../auth/sessions'

const VIEW_WHERE: Record<OutboxView, SQL> = {
  failed: eq(outbox.status, 'failed'),
  // Waiting for another attempt after an error (or being sent again right now).
  retrying: and(inArray(outbox.status, ['pending', 'sending']), isNotNull(outbox.lastError))!,
  pending: and(inArray(outbox.status, ['pending', 'sending']), isNull(outbox.lastError))!,
  sent: eq(outbox.status, 'sent'),
}

function toItem(row: OutboxRow): OutboxItem {
  const payload = row.payload as { subject?: string } | null
  return {
    id: row.id,
    channel: row.channel,
    kind: row.kind,
    recipient: row.recipient,
    subject: payload?.subject ?? null,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  }
}

export async function outboxCounts(db: Database): Promise<OutboxCounts> {
  const rows = await db.select({
    status: outbox.status,
    erred: sql<number>`${outbox.lastError} IS NOT NULL`.mapWith(Number),
    n: count(),
  }).from(outbox).groupBy(outbox.status, sql`${outbox.lastError} IS NOT NULL`)
  const counts: OutboxCounts = { failed: 0, retrying: 0, pending: 0, sent: 0 }
  for (const r of rows) {
    if (r.status === 'failed') counts.failed += r.n
    else if (r.status === 'sent') counts.sent += r.n
    else if (r.erred) counts.retrying += r.n
    else counts.pending += r.n
  }
  return counts
}

/** The deliveries of one view, newest first, with the count of every view. */
export async function listOutbox(db: Database, query: OutboxQuery): Promise<OutboxList> {
  const where = VIEW_WHERE[query.view]
  const [rows, [{ total } = { total: 0 }], counts] = await Promise.all([
    db.select().from(outbox).where(where).orderBy(desc(outbox.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(outbox).where(where),
    outboxCounts(db),
  ])
  return { items: rows.map(toItem), total, counts }
}

/**
 * Give failed deliveries a fresh set of attempts, now. Only rows that failed are touched; the
 * last error stays visible until a new attempt replaces it.
 */
export async function retryOutbox(db: Database, user: SessionUser, input: OutboxRetryInput, meta: RequestMeta): Promise<{ retried: number }> {
  return db.transaction(async (tx) => {
    const where = 'all' in input ? eq(outbox.status, 'failed') : and(eq(outbox.status, 'failed'), inArray(outbox.id, input.ids))
    const [result] = await tx.update(outbox).set({ status: 'pending', attempts: 0, nextAttemptAt: new Date(), leaseUntil: null, leasedBy: null }).where(where)
    const retried = result.affectedRows
    await audit(tx, user, meta, { action: 'retry', entity: 'outbox', entityId: 'all' in input ? 'all' : input.ids.join(',').slice(0, 60), after: { retried } })
    return { retried }
  })
}

import type { DbOrTx } from '../utils/db'
import type { RequestMeta } from '../utils/request'
import { auditLogs } from '../db/schema'

/** Fields never written to an audit diff, not even encrypted. */
const DROPPED = new Set(['passwordHash', 'phoneEnc', 'phoneBidx', 'raw'])
/** Personal fields kept only in masked form, so a reviewer sees that they changed. */
const MASKED = new Set(['phone', 'email', 'parentPhone', 'whatsapp'])

export function maskValue(key: string, value: unknown): unknown {
  if (typeof value !== 'string' || !value) return value
  if (key === 'email') {
    const [user, domain] = value.split('@')
    return `${user?.slice(0, 1) ?? ''}***@${domain ?? ''}`
  }
  return `•••${value.slice(-4)}`
}

export function redact(row: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!row) return null
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(row)) {
    if (DROPPED.has(key)) {
      if (value != null) out[key] = '[redacted]'
      continue
    }
    out[key] = MASKED.has(key) ? maskValue(key, value) : value
  }
  return out
}

/** Columns the database keeps for itself (a timestamp, what the triggers keep on `leads` and what is generated from it): never an edit. */
const DERIVED = new Set(['updatedAt', 'stagesReached', 'stageEnteredAt', 'enrolledAmount', 'closeSecs', 'closeBucket', 'firstActivityAt', 'firstResponseHour'])

/** Keep only what changed, so an entry reads as a diff. Creation and deletion keep the whole row. */
function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  if (!before || !after) return { before, after }
  const b: Record<string, unknown> = {}
  const a: Record<string, unknown> = {}
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (DERIVED.has(key)) continue
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key]
      a[key] = after[key]
    }
  }
  return { before: b, after: a }
}

export interface AuditEntry {
  action: string
  entity: string
  entityId: number | string
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
}

/** Write the before/after of a change. Call it with the transaction that makes the change. */
export async function audit(tx: DbOrTx, actor: { id: number } | null, meta: RequestMeta, entry: AuditEntry) {
  const { before, after } = diff(redact(entry.before), redact(entry.after))
  await tx.insert(auditLogs).values({
    userId: actor?.id ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: String(entry.entityId),
    before,
    after,
    ip: meta.ip,
    userAgent: meta.userAgent,
  })
}

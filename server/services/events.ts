import type { DbOrTx } from '../utils/db'
import type { RequestMeta } from '../utils/request'
import { eventLogs } from '../db/schema'

export type EventType = 'login' | 'login_failed' | 'logout' | 'view' | 'export' | 'import'

export async function logEvent(db: DbOrTx, type: EventType, meta: RequestMeta, fields: { userId?: number | null, subject?: string | null, data?: Record<string, unknown> } = {}) {
  await db.insert(eventLogs).values({
    type,
    userId: fields.userId ?? null,
    subject: fields.subject?.slice(0, 191) ?? null,
    ip: meta.ip,
    userAgent: meta.userAgent,
    meta: fields.data ?? null,
  })
}

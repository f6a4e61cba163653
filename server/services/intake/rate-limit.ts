import { and, count, eq, gte, min } from 'drizzle-orm'
import { eventLogs } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'

export const INTAKE_EVENT = 'intake'
export const INTAKE_LIMITS = {
  ip: { max: 30, windowSeconds: 60 },
  site: { max: 600, windowSeconds: 3600 },
}

/** Every intake request is logged first, then counted, so the limit holds across instances (the database is shared). */
export async function logIntake(db: DbOrTx, siteId: string | null, meta: RequestMeta, data: Record<string, unknown>, type = INTAKE_EVENT): Promise<void> {
  await db.insert(eventLogs).values({ type, subject: siteId, ip: meta.ip, userAgent: meta.userAgent, meta: data })
}

async function windowUse(db: DbOrTx, column: typeof eventLogs.ip | typeof eventLogs.subject, value: string, windowSeconds: number) {
  const since = new Date(Date.now() - windowSeconds * 1000)
  const [row] = await db.select({ n: count(), oldest: min(eventLogs.createdAt) }).from(eventLogs)
    .where(and(eq(eventLogs.type, INTAKE_EVENT), eq(column, value), gte(eventLogs.createdAt, since)))
  return { n: row?.n ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null }
}

/**
 * Seconds until the request may be retried, or 0 when it is within the limits. Counts the requests already
 * logged (this one included, see logIntake), per client address and per site key.
 */
export async function intakeRetryAfter(db: DbOrTx, siteId: string | null, ip: string | null): Promise<number> {
  const checks: { column: typeof eventLogs.ip | typeof eventLogs.subject, value: string, max: number, windowSeconds: number }[] = []
  if (siteId) checks.push({ column: eventLogs.subject, value: siteId, ...INTAKE_LIMITS.site })
  if (ip) checks.push({ column: eventLogs.ip, value: ip, ...INTAKE_LIMITS.ip })
  let wait = 0
  for (const { column, value, max, windowSeconds } of checks) {
    const { n, oldest } = await windowUse(db, column, value, windowSeconds)
    if (n <= max) continue
    const age = oldest ? Math.floor((Date.now() - oldest.getTime()) / 1000) : 0
    wait = Math.max(wait, Math.max(1, windowSeconds - age))
  }
  return wait
}

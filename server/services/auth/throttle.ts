import { and, count, eq, gt, min } from 'drizzle-orm'
import { eventLogs } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { useEnv } from '../../utils/env'

/** An address may fail more often than one account: a school's office shares one public IP. */
const IP_FACTOR = 4

/**
 * Failed logins are counted from the event log itself, so every app instance sees the same
 * counts without shared memory. Returns the seconds to wait, or 0 when the attempt may go ahead.
 */
export async function loginRetryAfter(db: DbOrTx, email: string, ip: string | null, since?: Date | null): Promise<number> {
  const env = useEnv()
  const windowMs = env.LOGIN_WINDOW_MINUTES * 60_000
  const now = Date.now()
  let windowStart = new Date(now - windowMs)

  const checks: { where: ReturnType<typeof and>, limit: number }[] = []
  // A successful login clears the account's slate; the address keeps its count.
  const accountStart = since && since > windowStart ? since : windowStart
  checks.push({ where: and(eq(eventLogs.type, 'login_failed'), eq(eventLogs.subject, email), gt(eventLogs.createdAt, accountStart)), limit: env.LOGIN_MAX_FAILURES })
  if (ip) checks.push({ where: and(eq(eventLogs.type, 'login_failed'), eq(eventLogs.ip, ip), gt(eventLogs.createdAt, windowStart)), limit: env.LOGIN_MAX_FAILURES * IP_FACTOR })

  let wait = 0
  for (const check of checks) {
    const [row] = await db.select({ n: count(), first: min(eventLogs.createdAt) }).from(eventLogs).where(check.where)
    if (row && row.n >= check.limit && row.first) {
      windowStart = new Date(row.first)
      wait = Math.max(wait, Math.ceil((windowStart.getTime() + windowMs - now) / 1000))
    }
  }
  return Math.max(wait, wait > 0 ? 1 : 0)
}

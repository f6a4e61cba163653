import type { SessionUser } from './sessions'

/**
 * Sessions this process has just checked against the database, so that a burst of requests (a page load fires
 * several API calls; the leads table one per keystroke) does not repeat the same lookup. A cached session is
 * still checked on every request: the token must hash to it, its expiry must lie ahead, and the database row is
 * read again once the check is RECHECK_MS old.
 *
 * Revocation:
 *  - in this process it is exact: logout, deactivation, password changes, role and profile edits forget the
 *    user's sessions after their transaction commits (forgetSession / forgetUserSessions). A lookup that began
 *    before such a change is not kept (the generation counter), so it cannot put the old row back.
 *  - a change made by another process (another app instance, or SQL run by hand) reaches this one within
 *    RECHECK_MS, the same bound as the notification streams' check for ended sessions (notifications/stream.ts).
 */
export const RECHECK_MS = 5_000
const MAX_ENTRIES = 10_000

interface Entry {
  user: SessionUser
  /** The session's own expiry (ms). */
  expiresAt: number
  /** When the row was read from the database (ms). */
  checkedAt: number
}

const entries = new Map<string, Entry>()
let generation = 0

/** The user of a session checked within RECHECK_MS and not expired, or undefined (look it up). */
export function cachedSession(sessionId: string, now: number): SessionUser | undefined {
  const entry = entries.get(sessionId)
  if (!entry) return undefined
  if (entry.expiresAt <= now || now - entry.checkedAt >= RECHECK_MS) {
    entries.delete(sessionId)
    return undefined
  }
  return { ...entry.user }
}

/** Stamp for a database lookup about to start; pass it to rememberSession. */
export function sessionGeneration(): number {
  return generation
}

/** Keep a session just read from the database, unless a revocation happened while it was being read. */
export function rememberSession(user: SessionUser, expiresAt: Date, checkedAt: number, startedAt: number): void {
  if (startedAt !== generation) return
  entries.delete(user.sessionId)
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!)
  entries.set(user.sessionId, { user: { ...user }, expiresAt: expiresAt.getTime(), checkedAt })
}

export function forgetSession(sessionId: string): void {
  generation++
  entries.delete(sessionId)
}

/** After any change to a user that ends their sessions or alters what a session carries (role, name, locale). */
export function forgetUserSessions(userId: number): void {
  generation++
  for (const [id, entry] of entries) if (entry.user.id === userId) entries.delete(id)
}

/** How many sessions this process holds (tests). */
export function cachedSessionCount(): number {
  return entries.size
}

import { and, eq, gt, ne } from 'drizzle-orm'
import type { Role } from '../../../shared/enums/roles'
import { sessions, users } from '../../db/schema'
import { randomToken, sha256Hex } from '../../utils/crypto'
import type { DbOrTx } from '../../utils/db'
import { useEnv } from '../../utils/env'
import type { RequestMeta } from '../../utils/request'
import { cachedSession, forgetSession, forgetUserSessions, rememberSession, sessionGeneration } from './session-cache'

export interface SessionUser {
  id: number
  name: string
  email: string
  role: Role
  locale: string
  sessionId: string
}

/** Only the SHA-256 of a token is stored: a leaked sessions table cannot be replayed. */
export async function createSession(db: DbOrTx, userId: number, meta: RequestMeta): Promise<{ token: string, expiresAt: Date }> {
  const token = randomToken(32)
  const now = new Date()
  const expiresAt = new Date(now.getTime() + useEnv().SESSION_TTL_HOURS * 3_600_000)
  await db.insert(sessions).values({ id: sha256Hex(token), userId, ip: meta.ip, userAgent: meta.userAgent, lastSeenAt: now, expiresAt })
  return { token, expiresAt }
}

const TOUCH_EVERY_MS = 60_000

/**
 * The user behind a token, or null when the session is gone, expired, or the user is inactive. A session read
 * from the database in the last few seconds is answered from this process's cache (see session-cache.ts for
 * how revocation stays exact here and bounded across processes).
 */
export async function findSessionUser(db: DbOrTx, token: string): Promise<SessionUser | null> {
  const id = sha256Hex(token)
  const now = new Date()
  const cached = cachedSession(id, now.getTime())
  if (cached) return cached
  const started = sessionGeneration()
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, locale: users.locale, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now), eq(users.active, true)))
    .limit(1)
  if (!row) return null
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id))
  }
  const { lastSeenAt: _, expiresAt, ...fields } = row
  const user = { ...fields, sessionId: id }
  rememberSession(user, expiresAt, now.getTime(), started)
  return user
}

export async function deleteSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId))
  forgetSession(sessionId)
}

/**
 * End every session of a user (deactivation, password reset), optionally sparing the current one. Inside a
 * transaction, call forgetUserSessions again once it has committed (see session-cache.ts).
 */
export async function deleteUserSessions(db: DbOrTx, userId: number, exceptSessionId?: string): Promise<void> {
  await db.delete(sessions).where(exceptSessionId
    ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))
    : eq(sessions.userId, userId))
  forgetUserSessions(userId)
}

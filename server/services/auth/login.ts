import { eq } from 'drizzle-orm'
import type { LoginInput } from '../../../shared/schemas/auth'
import { users } from '../../db/schema'
import type { Database } from '../../utils/db'
import { DUMMY_HASH, verifyPassword } from '../../utils/password'
import type { RequestMeta } from '../../utils/request'
import { logEvent } from '../events'
import { createSession } from './sessions'
import { loginRetryAfter } from './throttle'

export type LoginResult
  = | { ok: true, token: string, expiresAt: Date, user: { id: number, name: string, email: string, role: string } }
    | { ok: false, reason: 'invalid' }
    | { ok: false, reason: 'throttled', retryAfter: number }

export async function login(db: Database, input: LoginInput, meta: RequestMeta): Promise<LoginResult> {
  const [user] = await db.select().from(users).where(eq(users.email, input.email)).limit(1)

  const retryAfter = await loginRetryAfter(db, input.email, meta.ip, user?.lastLoginAt)
  if (retryAfter > 0) {
    await logEvent(db, 'login_failed', meta, { userId: user?.id, subject: input.email, data: { reason: 'throttled' } })
    return { ok: false, reason: 'throttled', retryAfter }
  }

  // Verify against a dummy hash for unknown e-mails so timing does not reveal which accounts exist.
  const valid = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, input.password)
  if (!user || !valid || !user.active) {
    const reason = !user ? 'unknown_email' : !valid ? 'bad_password' : 'inactive'
    await logEvent(db, 'login_failed', meta, { userId: user?.id, subject: input.email, data: { reason } })
    return { ok: false, reason: 'invalid' }
  }

  return db.transaction(async (tx) => {
    const session = await createSession(tx, user.id, meta)
    await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id))
    await logEvent(tx, 'login', meta, { userId: user.id, subject: user.email })
    return { ok: true as const, ...session, user: { id: user.id, name: user.name, email: user.email, role: user.role } }
  })
}

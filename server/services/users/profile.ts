import { createError } from 'h3'
import { eq } from 'drizzle-orm'
import type { z } from 'zod'
import type { passwordChangeSchema, profileUpdateSchema } from '../../../shared/schemas/users'
import { users } from '../../db/schema'
import type { Database } from '../../utils/db'
import { hashPassword, verifyPassword } from '../../utils/password'
import type { RequestMeta } from '../../utils/request'
import { audit } from '../audit'
import type { SessionUser } from '../auth/sessions'
import { deleteUserSessions } from '../auth/sessions'
import { forgetUserSessions } from '../auth/session-cache'
import { getUser, type PublicUser } from '.'

export async function updateProfile(db: Database, actor: SessionUser, input: z.output<typeof profileUpdateSchema>, meta: RequestMeta): Promise<PublicUser> {
  const before = await getUser(db, actor.id)
  const updated = await db.transaction(async (tx) => {
    await tx.update(users).set(input).where(eq(users.id, actor.id))
    const [after] = await tx.select().from(users).where(eq(users.id, actor.id))
    await audit(tx, actor, meta, { action: 'update_profile', entity: 'user', entityId: actor.id, before, after })
    const { passwordHash: _, ...rest } = after!
    return rest
  })
  // The session carries the name and language: the next request reads them afresh.
  forgetUserSessions(actor.id)
  return updated
}

/** Changing one's own password keeps this session and ends every other one. */
export async function changeOwnPassword(db: Database, actor: SessionUser, input: z.output<typeof passwordChangeSchema>, meta: RequestMeta): Promise<void> {
  const [row] = await db.select({ passwordHash: users.passwordHash, passwordChangedAt: users.passwordChangedAt }).from(users).where(eq(users.id, actor.id))
  if (!row || !await verifyPassword(row.passwordHash, input.currentPassword))
    throw createError({ statusCode: 400, statusMessage: 'Validation Error', message: 'Kata sandi saat ini salah.', data: { fieldErrors: { currentPassword: ['Kata sandi saat ini salah'] } } })
  const passwordHash = await hashPassword(input.newPassword)
  const passwordChangedAt = new Date()
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt }).where(eq(users.id, actor.id))
    await deleteUserSessions(tx, actor.id, actor.sessionId)
    await audit(tx, actor, meta, { action: 'change_password', entity: 'user', entityId: actor.id, before: { passwordChangedAt: row.passwordChangedAt }, after: { passwordChangedAt } })
  })
  forgetUserSessions(actor.id)
}

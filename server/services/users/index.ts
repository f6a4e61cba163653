import { createError } from 'h3'
import { and, asc, eq, like, or, type SQL } from 'drizzle-orm'
import type { z } from 'zod'
import type { UserCreateInput, UserUpdateInput, userListQuerySchema } from '../../../shared/schemas/users'
import { users, type User } from '../../db/schema'
import type { Database } from '../../utils/db'
import { hashPassword } from '../../utils/password'
import type { RequestMeta } from '../../utils/request'
import { audit } from '../audit'
import type { SessionUser } from '../auth/sessions'
import { deleteUserSessions } from '../auth/sessions'
import { forgetUserSessions } from '../auth/session-cache'
import { assertCanManage, assertNotSelfLockout } from './rules'

export type PublicUser = Omit<User, 'passwordHash'>

const publicColumns = {
  id: users.id, name: users.name, email: users.email, role: users.role, active: users.active, onLeave: users.onLeave, phone: users.phone,
  avatarUrl: users.avatarUrl, locale: users.locale, notificationPrefs: users.notificationPrefs, capacity: users.capacity,
  passwordChangedAt: users.passwordChangedAt, lastLoginAt: users.lastLoginAt, createdAt: users.createdAt, updatedAt: users.updatedAt,
}

export async function listUsers(db: Database, filter: z.output<typeof userListQuerySchema>): Promise<PublicUser[]> {
  const where: SQL[] = []
  if (filter.role) where.push(eq(users.role, filter.role))
  if (filter.active !== undefined) where.push(eq(users.active, filter.active))
  if (filter.q) where.push(or(like(users.name, `%${filter.q}%`), like(users.email, `%${filter.q}%`))!)
  return db.select(publicColumns).from(users).where(and(...where)).orderBy(asc(users.name))
}

export async function getUser(db: Database, id: number): Promise<PublicUser | null> {
  const [row] = await db.select(publicColumns).from(users).where(eq(users.id, id)).limit(1)
  return row ?? null
}

async function assertEmailFree(db: Database, email: string, exceptId?: number) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1)
  if (row && row.id !== exceptId)
    throw createError({ statusCode: 409, statusMessage: 'Conflict', message: 'E-mail sudah dipakai.', data: { fieldErrors: { email: ['E-mail sudah dipakai pengguna lain'] } } })
}

export async function createUser(db: Database, actor: SessionUser, input: UserCreateInput, meta: RequestMeta): Promise<PublicUser> {
  assertCanManage(actor, input.role)
  await assertEmailFree(db, input.email)
  const passwordHash = await hashPassword(input.password)
  return db.transaction(async (tx) => {
    const { password: _, ...fields } = input
    const [{ id }] = await tx.insert(users).values({ ...fields, passwordHash, passwordChangedAt: new Date() }).$returningId() as [{ id: number }]
    const [created] = await tx.select(publicColumns).from(users).where(eq(users.id, id))
    await audit(tx, actor, meta, { action: 'create', entity: 'user', entityId: id, after: created })
    return created!
  })
}

export async function updateUser(db: Database, actor: SessionUser, id: number, input: UserUpdateInput, meta: RequestMeta): Promise<PublicUser | null> {
  const before = await getUser(db, id)
  if (!before) return null
  assertCanManage(actor, before.role, input.role)
  assertNotSelfLockout(actor, id, input)
  if (input.email && input.email !== before.email) await assertEmailFree(db, input.email, id)
  const updated = await db.transaction(async (tx) => {
    await tx.update(users).set(input).where(eq(users.id, id))
    // Deactivation takes effect on the next request: the sessions are gone, not just flagged.
    if (input.active === false) await deleteUserSessions(tx, id)
    const [after] = await tx.select(publicColumns).from(users).where(eq(users.id, id))
    const action = input.active === false ? 'deactivate' : input.active === true && !before.active ? 'reactivate' : input.role && input.role !== before.role ? 'change_role' : 'update'
    await audit(tx, actor, meta, { action, entity: 'user', entityId: id, before, after })
    return after!
  })
  // Committed: this process's cached sessions of the user carry the old role, name or state.
  forgetUserSessions(id)
  return updated
}

export async function resetPassword(db: Database, actor: SessionUser, id: number, password: string, meta: RequestMeta): Promise<boolean> {
  const target = await getUser(db, id)
  if (!target) return false
  if (target.id !== actor.id) assertCanManage(actor, target.role)
  const passwordHash = await hashPassword(password)
  const passwordChangedAt = new Date()
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt }).where(eq(users.id, id))
    // Every other session of the user ends: a reset password must lock out whoever had the old one.
    await deleteUserSessions(tx, id, target.id === actor.id ? actor.sessionId : undefined)
    await audit(tx, actor, meta, { action: 'reset_password', entity: 'user', entityId: id, before: { passwordChangedAt: target.passwordChangedAt }, after: { passwordChangedAt } })
  })
  forgetUserSessions(id)
  return true
}

import { createError, getCookie, getHeader, type H3Event } from 'h3'
import type { Permission } from '../../shared/utils/permissions'
import { can } from '../../shared/utils/permissions'
import type { SessionUser } from '../services/auth/sessions'
import { findSessionUser } from '../services/auth/sessions'
import { useDb } from './db'

export const TOKEN_COOKIE = 'auth.token'

/** The bearer token from the Authorization header, or the cookie @sidebase/nuxt-auth keeps it in. */
export function readAuthToken(event: H3Event): string | null {
  const header = getHeader(event, 'authorization')
  const raw = header ?? getCookie(event, TOKEN_COOKIE)
  if (!raw) return null
  const token = raw.replace(/^Bearer\s+/i, '').trim()
  return /^[\w-]{20,200}$/.test(token) ? token : null
}

/** The signed-in user, or null. Checked against the sessions table on every request. */
export async function getSessionUser(event: H3Event): Promise<SessionUser | null> {
  if (event.context.user !== undefined) return event.context.user
  const token = readAuthToken(event)
  const user = token ? await findSessionUser(useDb(), token) : null
  event.context.user = user
  return user
}

/**
 * The first line of every protected handler: 401 without a live session,
 * 403 when the role lacks the permission.
 */
export async function requireUser(event: H3Event, permission?: Permission): Promise<SessionUser> {
  const user = await getSessionUser(event)
  if (!user) throw createError({ statusCode: 401, statusMessage: 'Unauthorized', message: 'Silakan masuk terlebih dahulu.' })
  if (permission && !can(user.role, permission))
    throw createError({ statusCode: 403, statusMessage: 'Forbidden', message: 'Anda tidak memiliki akses untuk tindakan ini.' })
  return user
}

declare module 'h3' {
  interface H3EventContext {
    user?: SessionUser | null
  }
}

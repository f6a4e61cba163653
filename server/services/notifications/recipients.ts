import { inArray } from 'drizzle-orm'
import { resolveNotificationPrefs } from '../../../shared/enums/notifications'
import type { NotificationPrefs } from '../../../shared/enums/notifications'
import { users } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'

export interface Recipient {
  id: number
  name: string
  email: string
  locale: string
  active: boolean
  prefs: NotificationPrefs
}

/** The people to notify, with their language and their per-kind choices (defaults filled in). */
export async function loadRecipients(db: DbOrTx, userIds: number[]): Promise<Map<number, Recipient>> {
  const ids = [...new Set(userIds)]
  if (!ids.length) return new Map()
  const rows = await db.select({ id: users.id, name: users.name, email: users.email, locale: users.locale, active: users.active, prefs: users.notificationPrefs })
    .from(users).where(inArray(users.id, ids))
  return new Map(rows.map(r => [r.id, { ...r, prefs: resolveNotificationPrefs(r.prefs) }]))
}

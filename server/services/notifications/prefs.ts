import { eq } from 'drizzle-orm'
import { NOTIFICATION_KINDS, resolveNotificationPrefs } from '../../../shared/enums/notifications'
import type { NotificationPrefs } from '../../../shared/enums/notifications'
import type { NotificationPrefsInput } from '../../../shared/schemas/notifications'
import { users } from '../../db/schema'
import type { Database, DbOrTx } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { notFound } from '../../utils/validation'
import { audit } from '../audit'
import type { SessionUser } from '../auth/sessions'

/** The user's per-kind choices, defaults filled in. */
export async function getNotificationPrefs(db: DbOrTx, userId: number): Promise<NotificationPrefs> {
  const [row] = await db.select({ prefs: users.notificationPrefs }).from(users).where(eq(users.id, userId)).limit(1)
  if (!row) throw notFound()
  return resolveNotificationPrefs(row.prefs)
}

/**
 * Change some kinds' switches; kinds not sent keep their choice. The whole resolved object is stored, so a later
 * change of a default does not silently flip a switch the user saw and left as it was.
 */
export async function setNotificationPrefs(db: Database, actor: SessionUser, input: NotificationPrefsInput, meta: RequestMeta): Promise<NotificationPrefs> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ prefs: users.notificationPrefs }).from(users).where(eq(users.id, actor.id)).for('update')
    if (!row) throw notFound()
    const before = resolveNotificationPrefs(row.prefs)
    const next = structuredClone(before)
    for (const kind of NOTIFICATION_KINDS) {
      const choice = input[kind]
      if (choice) next[kind] = { ...choice }
    }
    const stored = resolveNotificationPrefs(next)
    await tx.update(users).set({ notificationPrefs: stored }).where(eq(users.id, actor.id))
    await audit(tx, actor, meta, { action: 'update_notification_prefs', entity: 'user', entityId: actor.id, before: { notificationPrefs: before }, after: { notificationPrefs: stored } })
    return stored
  })
}

import { and, count, desc, eq, inArray, isNull, lt, or } from 'drizzle-orm'
import type { NotificationListQuery, NotificationRead } from '../../../shared/schemas/notifications'
import type { NotificationDto, NotificationListDto, NotificationReadDto } from '../../../shared/types/notifications'
import { notifications } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { publishNotification } from './live'

/**
 * A user's own in-app notifications. Every query has the user's id in its WHERE clause, so another user's row is
 * never read or changed; the (user_id, read_at, created_at) and (user_id, created_at) indexes serve them.
 */

const columns = {
  id: notifications.id, type: notifications.type, title: notifications.title, body: notifications.body,
  link: notifications.link, leadId: notifications.leadId, readAt: notifications.readAt, createdAt: notifications.createdAt,
}

function toDto(row: { id: number, type: string, title: string, body: string | null, link: string | null, leadId: number | null, readAt: Date | null, createdAt: Date }): NotificationDto {
  return { ...row, readAt: row.readAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString() }
}

export async function unreadCount(db: DbOrTx, userId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
  return row?.n ?? 0
}

/** Newest first, keyset-paged on (created_at, id). */
export async function listNotifications(db: DbOrTx, userId: number, query: NotificationListQuery): Promise<NotificationListDto> {
  const where = [eq(notifications.userId, userId)]
  if (query.filter === 'unread') where.push(isNull(notifications.readAt))
  if (query.cursor) {
    const [ms, id] = query.cursor.split('-').map(Number) as [number, number]
    const at = new Date(ms)
    where.push(or(lt(notifications.createdAt, at), and(eq(notifications.createdAt, at), lt(notifications.id, id)))!)
  }
  const [rows, unread] = await Promise.all([
    db.select(columns).from(notifications).where(and(...where))
      .orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(query.limit + 1),
    unreadCount(db, userId),
  ])
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  return {
    items: page.map(toDto),
    unread,
    nextCursor: rows.length > query.limit && last ? `${last.createdAt.getTime()}-${last.id}` : null,
  }
}

/**
 * Mark the given notifications (or all) read. Ids that are not the user's are ignored, exactly like ids that do
 * not exist. The user's other tabs hear of it through the live stream.
 */
export async function markRead(db: DbOrTx, userId: number, input: NotificationRead): Promise<NotificationReadDto> {
  const where = [eq(notifications.userId, userId), isNull(notifications.readAt)]
  if ('ids' in input) where.push(inArray(notifications.id, [...new Set(input.ids)]))
  const [result] = await db.update(notifications).set({ readAt: new Date() }).where(and(...where))
  const updated = result.affectedRows
  if (updated) publishNotification([userId])
  return { updated, unread: await unreadCount(db, userId) }
}

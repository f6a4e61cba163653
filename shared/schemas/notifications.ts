import { z } from 'zod'
import { NOTIFICATION_KINDS } from '../enums/notifications'

/** Page size of the bell, the notifications page and the feed. */
export const NOTIFICATIONS_PAGE_MAX = 50

/** A position in a newest-first list: `<epoch ms>-<id>` (the feed adds the source: `<ms>-<rank>-<id>`). */
const cursorField = (re: RegExp) => z.string().regex(re, 'Kursor tidak valid').optional()

export const notificationListQuerySchema = z.object({
  filter: z.enum(['all', 'unread']).default('all'),
  cursor: cursorField(/^\d{1,15}-\d{1,15}$/),
  limit: z.coerce.number().int().min(1).max(NOTIFICATIONS_PAGE_MAX).default(20),
})
export type NotificationListQuery = z.output<typeof notificationListQuerySchema>

/** Mark some of one's own notifications read, or all of them. */
export const notificationReadSchema = z.union([
  z.object({ ids: z.array(z.number().int().positive()).min(1, 'Pilih minimal satu notifikasi').max(200, 'Maksimal 200 sekaligus') }).strict(),
  z.object({ all: z.literal(true) }).strict(),
], { error: 'Kirim { ids: [...] } atau { all: true }' })
export type NotificationRead = z.output<typeof notificationReadSchema>

const channelsSchema = z.object({
  inApp: z.boolean({ error: 'Harus true atau false' }),
  email: z.boolean({ error: 'Harus true atau false' }),
}).strict()

/**
 * The profile's notification switches: per kind, in-app and e-mail. Kinds left out keep their current choice;
 * the daily digest is e-mail only, whatever is sent for its in-app switch.
 */
export const notificationPrefsSchema = z.object(
  Object.fromEntries(NOTIFICATION_KINDS.map(kind => [kind, channelsSchema.optional()])) as Record<typeof NOTIFICATION_KINDS[number], z.ZodOptional<typeof channelsSchema>>,
).strict()
export type NotificationPrefsInput = z.output<typeof notificationPrefsSchema>

export const feedQuerySchema = z.object({
  cursor: cursorField(/^\d{1,15}-\d-\d{1,15}$/),
  limit: z.coerce.number().int().min(1).max(NOTIFICATIONS_PAGE_MAX).default(20),
})
export type FeedQuery = z.output<typeof feedQuerySchema>

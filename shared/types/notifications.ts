import type { NotificationPrefs } from '../enums/notifications'

/** One in-app notification as the API sends it; times are ISO 8601 in UTC. */
export interface NotificationDto {
  id: number
  type: string
  title: string
  body: string | null
  link: string | null
  leadId: number | null
  readAt: string | null
  createdAt: string
}

/** GET /api/notifications: a page, newest first, and the caller's unread count. */
export interface NotificationListDto {
  items: NotificationDto[]
  unread: number
  /** Pass back as `cursor` for the next page; null on the last one. */
  nextCursor: string | null
}

/** POST /api/notifications/read. */
export interface NotificationReadDto {
  updated: number
  unread: number
}

/** What the stream pushes (`data:` of each event). */
export interface NotificationStreamEvent {
  unread: number
}

export type NotificationPrefsDto = NotificationPrefs

export const FEED_KINDS = ['lead_created', 'stage_changed', 'activity', 'assigned'] as const
export type FeedKind = typeof FEED_KINDS[number]

interface Named { id: number, name: string }

/** One line of "Latest updates": something that happened to a lead the user can see. */
export interface FeedItemDto {
  key: string
  kind: FeedKind
  at: string
  lead: Named
  actor: Named | null
  /** stage_changed: from and to; lead_created: the first stage in `to`. */
  from?: string | null
  to?: string | null
  /** activity. */
  activityType?: string
  outcome?: string | null
  notes?: string | null
  /** assigned and lead_created: who has the lead now. */
  assignee?: Named | null
}

export interface FeedPageDto {
  items: FeedItemDto[]
  nextCursor: string | null
}

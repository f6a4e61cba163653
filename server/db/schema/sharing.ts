import { index, int, json, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core'
import { createdAt, id, instant, ref } from './_columns'
import { users } from './users'

/**
 * A read-only link to one report with its filters, opened without signing in. Only the SHA-256 of the token is
 * kept: the link itself is shown once, to its creator. The report is computed as its creator would see it.
 */
export const shareLinks = mysqlTable('share_links', {
  id: id(),
  tokenHash: varchar('token_hash', { length: 64 }).notNull(),
  report: varchar('report', { length: 40 }).notNull(),
  params: json('params').$type<Record<string, string | number>>().notNull(),
  createdBy: ref('created_by').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
  expiresAt: instant('expires_at').notNull(),
  revokedAt: instant('revoked_at'),
  views: int('views', { unsigned: true }).notNull().default(0),
  lastViewedAt: instant('last_viewed_at'),
}, t => [
  uniqueIndex('share_links_token_uq').on(t.tokenHash),
  index('share_links_creator_idx').on(t.createdBy, t.createdAt),
])

/** Every opening of a shared link: when, from where. */
export const shareLinkViews = mysqlTable('share_link_views', {
  id: id(),
  linkId: ref('link_id').notNull().references(() => shareLinks.id, { onDelete: 'cascade' }),
  viewedAt: instant('viewed_at').notNull(),
  ip: varchar('ip', { length: 45 }),
  userAgent: varchar('user_agent', { length: 255 }),
}, t => [index('share_link_views_link_idx').on(t.linkId, t.viewedAt)])

export type ShareLink = typeof shareLinks.$inferSelect

import { index, int, json, mysqlTable, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core'
import { id, instant, ref, timestamps } from './_columns'
import { users } from './users'

export const news = mysqlTable('news', {
  id: id(),
  title: varchar('title', { length: 200 }).notNull(),
  slug: varchar('slug', { length: 220 }).notNull(),
  body: text('body').notNull(),
  category: varchar('category', { length: 40 }).notNull().default('umum'),
  coverUrl: varchar('cover_url', { length: 500 }),
  publishedAt: instant('published_at'),
  authorId: ref('author_id').references(() => users.id),
  ...timestamps,
}, t => [uniqueIndex('news_slug_uq').on(t.slug), index('news_published_idx').on(t.publishedAt)])

/** Public read-only links to a report; only the SHA-256 of the token is stored. */
export const shareLinks = mysqlTable('share_links', {
  id: id(),
  tokenHash: varchar('token_hash', { length: 64 }).notNull(),
  report: varchar('report', { length: 40 }).notNull(),
  filters: json('filters'),
  expiresAt: instant('expires_at').notNull(),
  revokedAt: instant('revoked_at'),
  views: int('views', { unsigned: true }).notNull().default(0),
  lastViewedAt: instant('last_viewed_at'),
  createdBy: ref('created_by').references(() => users.id),
  note: text('note'),
  ...timestamps,
}, t => [uniqueIndex('share_links_token_uq').on(t.tokenHash)])

export type News = typeof news.$inferSelect
export type ShareLink = typeof shareLinks.$inferSelect

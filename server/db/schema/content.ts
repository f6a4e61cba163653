import { index, mysqlTable, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core'
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

export type News = typeof news.$inferSelect

import { index, json, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core'
import { id, instant, ref, timestamps } from './_columns'
import { users } from './users'

/** Per-user UI state worth keeping across devices: table columns, saved views. */
export const userPreferences = mysqlTable('user_preferences', {
  id: id(),
  userId: ref('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  key: varchar('key', { length: 80 }).notNull(),
  value: json('value').notNull(),
  ...timestamps,
}, t => [uniqueIndex('user_prefs_user_key_uq').on(t.userId, t.key)])

export const savedViews = mysqlTable('saved_views', {
  id: id(),
  userId: ref('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  page: varchar('page', { length: 40 }).notNull(),
  name: varchar('name', { length: 80 }).notNull(),
  /** The query string of the view, as the URL carries it. */
  query: json('query').notNull(),
  ...timestamps,
}, t => [index('saved_views_user_page_idx').on(t.userId, t.page)])

/** Application settings editable by the Owner (stale-lead days, assignment strategy, intake keys ...). */
export const appSettings = mysqlTable('app_settings', {
  key: varchar('key', { length: 80 }).primaryKey(),
  value: json('value').notNull(),
  updatedBy: ref('updated_by').references(() => users.id),
  updatedAt: instant('updated_at'),
})

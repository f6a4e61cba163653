import { boolean, index, int, json, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core'
import type { NotificationPrefs } from '../../../shared/enums/notifications'
import { ROLES } from '../../../shared/enums/roles'
import { createdAt, id, instant, ref, timestamps } from './_columns'

export const users = mysqlTable('users', {
  id: id(),
  name: varchar('name', { length: 120 }).notNull(),
  email: varchar('email', { length: 191 }).notNull(),
  passwordHash: varchar('password_hash', { length: 255 }).notNull(),
  role: mysqlEnum('role', ROLES).notNull(),
  active: boolean('active').notNull().default(true),
  /** On leave: kept out of automatic assignment without being deactivated. */
  onLeave: boolean('on_leave').notNull().default(false),
  phone: varchar('phone', { length: 20 }),
  avatarUrl: varchar('avatar_url', { length: 500 }),
  locale: varchar('locale', { length: 5 }).notNull().default('id'),
  /** Partial per-kind choices; read through resolveNotificationPrefs() for the defaults. */
  notificationPrefs: json('notification_prefs').$type<Partial<NotificationPrefs>>(),
  /** Maximum number of open leads the user should carry; assignment respects it. */
  capacity: int('capacity').notNull().default(200),
  passwordChangedAt: instant('password_changed_at'),
  lastLoginAt: instant('last_login_at'),
  ...timestamps,
}, t => [
  uniqueIndex('users_email_uq').on(t.email),
  index('users_role_active_idx').on(t.role, t.active),
])

/** Server-side sessions: the token itself never touches the database, only its SHA-256. */
export const sessions = mysqlTable('sessions', {
  id: varchar('id', { length: 64 }).primaryKey(),
  userId: ref('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  ip: varchar('ip', { length: 45 }),
  userAgent: varchar('user_agent', { length: 255 }),
  createdAt: createdAt(),
  lastSeenAt: instant('last_seen_at').notNull(),
  expiresAt: instant('expires_at').notNull(),
}, t => [
  index('sessions_user_idx').on(t.userId),
  index('sessions_expires_idx').on(t.expiresAt),
])

export type User = typeof users.$inferSelect
export type NewUser = typeof users.$inferInsert
export type Session = typeof sessions.$inferSelect

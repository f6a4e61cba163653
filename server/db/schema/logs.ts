import { index, json, mysqlTable, varchar } from 'drizzle-orm/mysql-core'
import { createdAt, id, ref } from './_columns'

/** Who changed which row, before and after (personal data redacted). */
export const auditLogs = mysqlTable('audit_logs', {
  id: id(),
  userId: ref('user_id'),
  action: varchar('action', { length: 40 }).notNull(),
  entity: varchar('entity', { length: 40 }).notNull(),
  entityId: varchar('entity_id', { length: 64 }).notNull(),
  before: json('before'),
  after: json('after'),
  ip: varchar('ip', { length: 45 }),
  userAgent: varchar('user_agent', { length: 255 }),
  createdAt: createdAt(),
}, t => [
  index('audit_entity_idx').on(t.entity, t.entityId, t.createdAt),
  index('audit_user_idx').on(t.userId, t.createdAt),
  index('audit_created_idx').on(t.createdAt),
])

/** Security and usage events: login, failed login, logout, view, export, import. */
export const eventLogs = mysqlTable('event_logs', {
  id: id(),
  type: varchar('type', { length: 40 }).notNull(),
  userId: ref('user_id'),
  /** The account a login attempt named (lower-cased e-mail), for throttling and forensics. */
  subject: varchar('subject', { length: 191 }),
  ip: varchar('ip', { length: 45 }),
  userAgent: varchar('user_agent', { length: 255 }),
  meta: json('meta'),
  createdAt: createdAt(),
}, t => [
  index('event_type_created_idx').on(t.type, t.createdAt),
  index('event_type_subject_idx').on(t.type, t.subject, t.createdAt),
  index('event_type_ip_idx').on(t.type, t.ip, t.createdAt),
  index('event_user_idx').on(t.userId, t.createdAt),
])

export type AuditLog = typeof auditLogs.$inferSelect
export type EventLog = typeof eventLogs.$inferSelect

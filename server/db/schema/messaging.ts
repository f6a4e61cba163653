import { index, json, mysqlEnum, mysqlTable, smallint, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core'
import { bytes, createdAt, id, instant, ref, timestamps } from './_columns'
import { leads } from './leads'
import { users } from './users'

export const notifications = mysqlTable('notifications', {
  id: id(),
  userId: ref('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  type: varchar('type', { length: 40 }).notNull(),
  title: varchar('title', { length: 200 }).notNull(),
  body: text('body'),
  link: varchar('link', { length: 300 }),
  readAt: instant('read_at'),
  createdAt: createdAt(),
}, t => [index('notifications_user_read_idx').on(t.userId, t.readAt, t.createdAt)])

/**
 * Deliveries to send. Inserted with a unique idempotency key, claimed with a lease
 * (SELECT ... FOR UPDATE SKIP LOCKED), retried with back-off.
 */
export const outbox = mysqlTable('outbox', {
  id: id(),
  channel: mysqlEnum('channel', ['email', 'whatsapp']).notNull(),
  idempotencyKey: varchar('idempotency_key', { length: 191 }).notNull(),
  recipient: varchar('recipient', { length: 255 }).notNull(),
  payload: json('payload').notNull(),
  status: mysqlEnum('status', ['pending', 'sending', 'sent', 'failed']).notNull().default('pending'),
  attempts: smallint('attempts').notNull().default(0),
  nextAttemptAt: instant('next_attempt_at').notNull(),
  leaseUntil: instant('lease_until'),
  leasedBy: varchar('leased_by', { length: 64 }),
  lastError: text('last_error'),
  sentAt: instant('sent_at'),
  ...timestamps,
}, t => [
  uniqueIndex('outbox_idempotency_uq').on(t.idempotencyKey),
  index('outbox_due_idx').on(t.status, t.nextAttemptAt),
])

export const whatsappMessages = mysqlTable('whatsapp_messages', {
  id: id(),
  providerMessageId: varchar('provider_message_id', { length: 128 }).notNull(),
  direction: mysqlEnum('direction', ['in', 'out']).notNull(),
  phoneEnc: varchar('phone_enc', { length: 255 }).notNull(),
  phoneBidx: bytes('phone_bidx', 32).notNull(),
  leadId: ref('lead_id').references(() => leads.id),
  userId: ref('user_id').references(() => users.id),
  body: text('body'),
  type: varchar('type', { length: 20 }).notNull().default('text'),
  status: varchar('status', { length: 20 }).notNull().default('received'),
  raw: json('raw'),
  sentAt: instant('sent_at').notNull(),
  ...timestamps,
}, t => [
  uniqueIndex('wa_provider_message_uq').on(t.providerMessageId),
  index('wa_phone_idx').on(t.phoneBidx, t.sentAt),
  index('wa_lead_idx').on(t.leadId, t.sentAt),
])

export type Notification = typeof notifications.$inferSelect
export type OutboxRow = typeof outbox.$inferSelect
export type WhatsappMessage = typeof whatsappMessages.$inferSelect

import { index, json, mysqlEnum, mysqlTable, smallint, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core'
import { OUTBOX_STATUSES, REMINDER_KINDS } from '../../../shared/enums/notifications'
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
  leadId: ref('lead_id').references(() => leads.id),
  /** Set for notifications that must exist once (a reminder, a message): a second insert is ignored. */
  dedupeKey: varchar('dedupe_key', { length: 191 }),
  readAt: instant('read_at'),
  createdAt: createdAt(),
}, t => [
  index('notifications_user_read_idx').on(t.userId, t.readAt, t.createdAt),
  index('notifications_user_created_idx').on(t.userId, t.createdAt),
  uniqueIndex('notifications_dedupe_uq').on(t.dedupeKey),
])

/**
 * One pending reminder per subject (a lead's next follow-up, a to-do). Rescheduling moves
 * `remind_at` and sets it pending again; the scheduler claims due rows with
 * SELECT ... FOR UPDATE SKIP LOCKED and turns each into a notification (and an e-mail) once.
 */
export const reminders = mysqlTable('reminders', {
  id: id(),
  kind: mysqlEnum('kind', REMINDER_KINDS).notNull(),
  subjectId: ref('subject_id').notNull(),
  userId: ref('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  remindAt: instant('remind_at').notNull(),
  status: mysqlEnum('status', ['pending', 'fired', 'cancelled']).notNull().default('pending'),
  firedAt: instant('fired_at'),
  ...timestamps,
}, t => [
  uniqueIndex('reminders_subject_uq').on(t.kind, t.subjectId),
  index('reminders_due_idx').on(t.status, t.remindAt),
])

/**
 * Deliveries to send. Inserted with a unique idempotency key, claimed with a lease
 * (SELECT ... FOR UPDATE SKIP LOCKED), retried with back-off.
 */
export const outbox = mysqlTable('outbox', {
  id: id(),
  channel: mysqlEnum('channel', ['email', 'whatsapp']).notNull(),
  /** What the delivery is (follow_up_due, daily_digest ...), for the failed-deliveries list. */
  kind: varchar('kind', { length: 40 }).notNull(),
  userId: ref('user_id').references(() => users.id, { onDelete: 'set null' }),
  idempotencyKey: varchar('idempotency_key', { length: 191 }).notNull(),
  recipient: varchar('recipient', { length: 255 }).notNull(),
  payload: json('payload').notNull(),
  status: mysqlEnum('status', OUTBOX_STATUSES).notNull().default('pending'),
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
  index('outbox_lease_idx').on(t.status, t.leaseUntil),
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
export type Reminder = typeof reminders.$inferSelect
export type WhatsappMessage = typeof whatsappMessages.$inferSelect

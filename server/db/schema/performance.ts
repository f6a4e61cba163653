import { bigint, date, index, int, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core'
import { TARGET_SCOPES } from '../../../shared/enums/catalog'
import { id, ref, timestamps } from './_columns'
import { channels } from './catalog'
import { users } from './users'

/** Monthly targets. `scope_id` is 0 for the overall target so the unique key holds (NULLs never collide). */
export const targets = mysqlTable('targets', {
  id: id(),
  /** Month in Asia/Jakarta, 'YYYY-MM'. */
  month: varchar('month', { length: 7 }).notNull(),
  scope: mysqlEnum('scope', TARGET_SCOPES).notNull(),
  scopeId: bigint('scope_id', { mode: 'number', unsigned: true }).notNull().default(0),
  revenue: bigint('revenue', { mode: 'number', unsigned: true }).notNull().default(0),
  students: int('students').notNull().default(0),
  leads: int('leads').notNull().default(0),
  createdBy: ref('created_by').references(() => users.id),
  ...timestamps,
}, t => [uniqueIndex('targets_month_scope_uq').on(t.month, t.scope, t.scopeId)])

/** Daily ad spend per platform and campaign, imported from the ad platforms' exports. */
export const adSpend = mysqlTable('ad_spend', {
  id: id(),
  day: date('day', { mode: 'string' }).notNull(),
  channelId: ref('channel_id').notNull().references(() => channels.id),
  campaign: varchar('campaign', { length: 160 }).notNull(),
  spend: bigint('spend', { mode: 'number', unsigned: true }).notNull().default(0),
  impressions: int('impressions', { unsigned: true }).notNull().default(0),
  clicks: int('clicks', { unsigned: true }).notNull().default(0),
  platformLeads: int('platform_leads', { unsigned: true }).notNull().default(0),
  ...timestamps,
}, t => [
  uniqueIndex('ad_spend_day_channel_campaign_uq').on(t.day, t.channelId, t.campaign),
  index('ad_spend_channel_day_idx').on(t.channelId, t.day),
])

export type Target = typeof targets.$inferSelect
export type AdSpend = typeof adSpend.$inferSelect

import { boolean, index, int, mysqlEnum, mysqlTable, smallint, uniqueIndex, varchar, bigint, text } from 'drizzle-orm/mysql-core'
import { SOURCE_TYPES, STAGE_KINDS } from '../../../shared/enums/catalog'
import { id, ref, timestamps } from './_columns'

/** Normalised acquisition channels (TikTok Ads, referral, walk-in ...). */
export const channels = mysqlTable('channels', {
  id: id(),
  code: varchar('code', { length: 40 }).notNull(),
  name: varchar('name', { length: 80 }).notNull(),
  sourceType: mysqlEnum('source_type', SOURCE_TYPES).notNull(),
  /** Ad platform name for ad_spend matching (tiktok, instagram, meta); null for organic channels. */
  platform: varchar('platform', { length: 30 }),
  active: boolean('active').notNull().default(true),
  sortOrder: smallint('sort_order').notNull().default(0),
  ...timestamps,
}, t => [uniqueIndex('channels_code_uq').on(t.code)])

/** Raw UTM source / medium / campaign values that map onto a channel. */
export const channelAliases = mysqlTable('channel_aliases', {
  id: id(),
  channelId: ref('channel_id').notNull().references(() => channels.id, { onDelete: 'cascade' }),
  /** Which UTM field the pattern matches: source, medium or campaign. */
  field: mysqlEnum('field', ['source', 'medium', 'campaign']).notNull(),
  /** Lower-cased exact value. */
  value: varchar('value', { length: 120 }).notNull(),
  priority: smallint('priority').notNull().default(0),
  ...timestamps,
}, t => [uniqueIndex('channel_aliases_field_value_uq').on(t.field, t.value)])

export const programs = mysqlTable('programs', {
  id: id(),
  code: varchar('code', { length: 40 }).notNull(),
  name: varchar('name', { length: 120 }).notNull(),
  /** SD, SMP, SMA, alumni / gap year ... */
  level: varchar('level', { length: 40 }).notNull(),
  /** Rupiah, whole numbers. */
  price: bigint('price', { mode: 'number', unsigned: true }).notNull().default(0),
  durationMonths: smallint('duration_months').notNull().default(1),
  description: text('description'),
  active: boolean('active').notNull().default(true),
  ...timestamps,
}, t => [uniqueIndex('programs_code_uq').on(t.code), index('programs_active_idx').on(t.active)])

export const pipelineStages = mysqlTable('pipeline_stages', {
  id: id(),
  code: varchar('code', { length: 40 }).notNull(),
  name: varchar('name', { length: 80 }).notNull(),
  kind: mysqlEnum('kind', STAGE_KINDS).notNull(),
  /** Win probability in percent, 0..100. */
  probability: smallint('probability').notNull(),
  position: int('position').notNull(),
  color: varchar('color', { length: 20 }).notNull().default('neutral'),
  active: boolean('active').notNull().default(true),
  ...timestamps,
}, t => [uniqueIndex('pipeline_stages_code_uq').on(t.code), index('pipeline_stages_position_idx').on(t.position)])

export type Channel = typeof channels.$inferSelect
export type ChannelAlias = typeof channelAliases.$inferSelect
export type Program = typeof programs.$inferSelect
export type PipelineStage = typeof pipelineStages.$inferSelect

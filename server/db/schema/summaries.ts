import { bigint, char, datetime, index, int, mysqlTable, primaryKey, tinyint, varchar } from 'drizzle-orm/mysql-core'
import { leads, leadStageHistory } from './leads'

/**
 * Live leads counted per Jakarta month of creation and per (stage, channel, assignee, program of interest, stages
 * reached): the
 * lead figures of the dashboard and the reports (leads, conversion, programs, targets) read a few thousand rows
 * here instead of every lead of their period.
 *
 * Kept by triggers on `leads` (drizzle/0002_lead_month_facts_triggers.sql), in the statement that changes the
 * lead, so it is exact after every committed write whichever code path wrote (a service, the demo generator, a
 * test helper, hand SQL); a row whose count drops to 0 is deleted. TRUNCATE skips triggers: empty this table
 * with `leads` (the demo generator does). `tests/integration/lead-month-facts.test.ts` holds it equal to a GROUP
 * BY over `leads` after every kind of write.
 *
 * A missing channel, assignee or program is 0 (a primary key has no NULL): `NULLIF(column, 0)` reads it back.
 */
export const leadMonthFacts = mysqlTable('lead_month_facts', {
  /** 'YYYY-MM', the Jakarta month (UTC+7) of `leads.created_at`. */
  month: char('month', { length: 7 }).notNull(),
  stageId: bigint('stage_id', { mode: 'number', unsigned: true }).notNull(),
  channelId: bigint('channel_id', { mode: 'number', unsigned: true }).notNull(),
  assignedTo: bigint('assigned_to', { mode: 'number', unsigned: true }).notNull(),
  programId: bigint('program_id', { mode: 'number', unsigned: true }).notNull(),
  /** `leads.stages_reached`: the stages the leads have been in, so the funnel reads here too. */
  reached: varchar('reached', { length: 255 }).notNull(),
  leads: int('leads', { unsigned: true }).notNull(),
  /** Σ `leads.expected_value`, Rupiah. */
  expectedValue: bigint('expected_value', { mode: 'number', unsigned: true }).notNull(),
}, t => [
  primaryKey({ name: 'lead_month_facts_pk', columns: [t.month, t.stageId, t.channelId, t.assignedTo, t.programId, t.reached] }),
])

/**
 * Every completed stay of a lead in a stage: from the history row that entered the stage to the lead's next history
 * row (in `changed_at`, then `id` order), with the lead's cohort keys copied beside it, so the funnel's median time
 * per stage reads a period's stays from an index instead of ranking every history row of its leads.
 *
 * Kept by triggers (drizzle/0006_stage_stays.sql): a history row written closes the stay of the row before it (and,
 * written between two, opens its own up to the next); an update of a lead's creation time, trash state, channel,
 * assignee or program is copied to its stays; a lead deleted takes its stays with it. History is never edited or
 * deleted but with its lead. `tests/integration/stage-stays.test.ts` holds it equal to the history.
 */
export const stageStays = mysqlTable('stage_stays', {
  /** The history row that entered the stage. */
  historyId: bigint('history_id', { mode: 'number', unsigned: true }).primaryKey()
    .references(() => leadStageHistory.id, { onDelete: 'cascade' }),
  leadId: bigint('lead_id', { mode: 'number', unsigned: true }).notNull().references(() => leads.id, { onDelete: 'cascade' }),
  stageId: bigint('stage_id', { mode: 'number', unsigned: true }).notNull(),
  /** How long the stay lasted, milliseconds. */
  ms: bigint('ms', { mode: 'number', unsigned: true }).notNull(),
  /**
   * A length class: `FLOOR(LOG2(ms + 1) * 4)`, each class about 19 % longer than the one before. `stay_month_facts`
   * counts the stays per class, so the median is found in one class's rows.
   */
  bucket: tinyint('bucket', { unsigned: true }).notNull(),
  /** The lead's: the funnel's cohort is the leads created in the period, live, narrowed by these. */
  leadCreatedAt: datetime('lead_created_at', { mode: 'date', fsp: 3 }).notNull(),
  leadDeletedAt: datetime('lead_deleted_at', { mode: 'date', fsp: 3 }),
  channelId: bigint('channel_id', { mode: 'number', unsigned: true }),
  assignedTo: bigint('assigned_to', { mode: 'number', unsigned: true }),
  programId: bigint('program_id', { mode: 'number', unsigned: true }),
}, t => [
  // Any filter: a period's stays of a stage, index only.
  index('stage_stays_cohort_idx').on(t.stageId, t.leadDeletedAt, t.leadCreatedAt, t.channelId, t.assignedTo, t.programId, t.ms),
  // The median's second step: one length class of a stage in the period.
  index('stage_stays_bucket_idx').on(t.stageId, t.bucket, t.leadDeletedAt, t.leadCreatedAt, t.assignedTo, t.ms),
  index('stage_stays_lead_idx').on(t.leadId),
])

/**
 * The live leads' completed stays counted per Jakarta month of the lead's creation, stage, assignee (0 for none) and
 * length class (`stage_stays.bucket`). The funnel finds each stage's middle stay here — which class holds it and
 * its rank within the class — and then reads only that class's stays. Kept by triggers on `stage_stays`
 * (drizzle/0006_stage_stays.sql); a row whose count drops to 0 is deleted.
 */
export const stayMonthFacts = mysqlTable('stay_month_facts', {
  month: char('month', { length: 7 }).notNull(),
  stageId: bigint('stage_id', { mode: 'number', unsigned: true }).notNull(),
  assignedTo: bigint('assigned_to', { mode: 'number', unsigned: true }).notNull(),
  bucket: tinyint('bucket', { unsigned: true }).notNull(),
  stays: int('stays', { unsigned: true }).notNull(),
}, t => [
  primaryKey({ name: 'stay_month_facts_pk', columns: [t.month, t.stageId, t.assignedTo, t.bucket] }),
])

/**
 * Live leads per Jakarta month of creation, stage, channel (0 for none) and length class of their time to close
 * (`leads.close_bucket`, 255 for none), with the sum of their active enrolments: the conversion report's revenue and
 * the place of each group's middle time to close, without reading the won leads. Kept by triggers on `leads`
 * (drizzle/0007_close_month_facts.sql) like `lead_month_facts`; a row whose count drops to 0 is deleted.
 */
export const closeMonthFacts = mysqlTable('close_month_facts', {
  month: char('month', { length: 7 }).notNull(),
  stageId: bigint('stage_id', { mode: 'number', unsigned: true }).notNull(),
  channelId: bigint('channel_id', { mode: 'number', unsigned: true }).notNull(),
  bucket: tinyint('bucket', { unsigned: true }).notNull(),
  leads: int('leads', { unsigned: true }).notNull(),
  enrolledAmount: bigint('enrolled_amount', { mode: 'number', unsigned: true }).notNull(),
}, t => [
  primaryKey({ name: 'close_month_facts_pk', columns: [t.month, t.stageId, t.channelId, t.bucket] }),
])

/**
 * Live leads per Jakarta month of creation, typed school or grade (`field`; each spelling as typed, compared byte for
 * byte, '' for none), stage and, for grades, assignee: the leads report's school and grade groupings without reading every lead of the
 * period. Kept by triggers on `leads` (drizzle/0008_text_month_facts.sql); a row whose count drops to 0 is deleted.
 */
export const textMonthFacts = mysqlTable('text_month_facts', {
  month: char('month', { length: 7 }).notNull(),
  field: char('field', { length: 6 }).$type<'school' | 'grade'>().notNull(),
  spelling: varchar('spelling', { length: 160 }).notNull(),
  stageId: bigint('stage_id', { mode: 'number', unsigned: true }).notNull(),
  /** Grades (few) per assignee, 0 for none; schools (thousands) only for the whole team: always 0. */
  assignedTo: bigint('assigned_to', { mode: 'number', unsigned: true }).notNull(),
  leads: int('leads', { unsigned: true }).notNull(),
}, t => [
  primaryKey({ name: 'text_month_facts_pk', columns: [t.field, t.month, t.spelling, t.stageId, t.assignedTo] }),
])

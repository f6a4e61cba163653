import { bigint, char, int, mysqlTable, primaryKey, varchar } from 'drizzle-orm/mysql-core'

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

import { bigint, char, int, mysqlEnum, mysqlTable, primaryKey } from 'drizzle-orm/mysql-core'
import { ACTIVITY_TYPES } from '../../../shared/enums/leads'

/**
 * Live activities (not deleted) counted per Jakarta month of `occurred_at`, person (`user_id`), type, and the
 * channel and program of their lead now: the team report's activities per person and type read a few hundred rows
 * here instead of every activity of its period, with or without a channel or program filter.
 *
 * Kept by triggers on `activities` and on `leads` (a lead moved to another channel or program takes its
 * activities' counts along) in drizzle/0004_team_facts.sql, in the statement that writes, so it is exact after every
 * committed write whichever code path wrote; a row whose count drops to 0 is deleted. TRUNCATE skips triggers:
 * empty this table with `activities` (the demo generator does). `tests/integration/team-facts.test.ts` holds it
 * equal to a GROUP BY over `activities` after every kind of write.
 *
 * A missing person, channel or program is 0 (a primary key has no NULL).
 */
export const activityMonthFacts = mysqlTable('activity_month_facts', {
  /** 'YYYY-MM', the Jakarta month (UTC+7) of `activities.occurred_at`. */
  month: char('month', { length: 7 }).notNull(),
  userId: bigint('user_id', { mode: 'number', unsigned: true }).notNull(),
  type: mysqlEnum('type', ACTIVITY_TYPES).notNull(),
  /** The activity's lead's `channel_id` and `program_id`. */
  channelId: bigint('channel_id', { mode: 'number', unsigned: true }).notNull(),
  programId: bigint('program_id', { mode: 'number', unsigned: true }).notNull(),
  activities: int('activities', { unsigned: true }).notNull(),
}, t => [
  primaryKey({ name: 'activity_month_facts_pk', columns: [t.month, t.userId, t.type, t.channelId, t.programId] }),
])

/**
 * Live leads with a first activity (`leads.first_activity_at`) counted per Jakarta month of creation, assignee and
 * whole hour of first response (`leads.first_response_hour`): the team report's median response time finds the hour
 * of each person's middle lead here, then reads only that hour's leads (`leads_response_hour_idx`).
 *
 * Kept by triggers on `leads` (drizzle/0004_team_facts.sql), which the activities' triggers reach through their
 * update of `first_activity_at`; a row whose count drops to 0 is deleted. `tests/integration/team-facts.test.ts`
 * holds it equal to a GROUP BY over `leads`.
 */
export const leadResponseFacts = mysqlTable('lead_response_facts', {
  /** 'YYYY-MM', the Jakarta month (UTC+7) of `leads.created_at`. */
  month: char('month', { length: 7 }).notNull(),
  /** 0 for none. */
  assignedTo: bigint('assigned_to', { mode: 'number', unsigned: true }).notNull(),
  /** Whole hours from creation to the first live activity (0 when that activity is dated before the lead). */
  hour: int('hour').notNull(),
  leads: int('leads', { unsigned: true }).notNull(),
}, t => [
  primaryKey({ name: 'lead_response_facts_pk', columns: [t.month, t.assignedTo, t.hour] }),
])

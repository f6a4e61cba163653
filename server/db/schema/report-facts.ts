import { bigint, boolean, customType, int, mysqlTable, primaryKey } from 'drizzle-orm/mysql-core'

/**
 * Two more summaries kept by triggers in the statement that changes the row (drizzle/0005_campaign_forecast_facts.sql),
 * like `lead_month_facts` (summaries.ts): exact after every committed write whoever writes, a row whose counts drop to
 * 0 deleted. A missing channel, assignee or program is 0. TRUNCATE skips triggers: empty them with `leads` (the demo
 * generator does, then counts them once: server/db/campaign-facts.ts, server/db/forecast-facts.ts).
 * `tests/integration/campaign-forecast-facts.test.ts` holds both equal to a GROUP BY over the raw tables.
 */

/** A campaign spelling: binary, so 'Promo UTBK' and 'promo utbk' are rows of their own (the report folds them). */
const campaignSpelling = customType<{ data: string }>({
  dataType: () => 'varchar(160) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin',
})

/**
 * The ads report (server/services/reports/ads.ts), per channel, Jakarta month and campaign: the live leads created in
 * the month, and the active enrolments enrolled in the month on the channel (`enrollments.channel_id`) whose lead
 * carries the campaign now. A few hundred rows a year, whatever the number of leads.
 */
export const campaignMonthFacts = mysqlTable('campaign_month_facts', {
  channelId: bigint('channel_id', { mode: 'number', unsigned: true }).notNull(),
  /** YYYYMM, the Jakarta month (UTC+7) of `leads.created_at` for `leads`, of `enrollments.enrolled_at` for the rest. */
  month: int('month', { unsigned: true }).notNull(),
  /** `TRIM(leads.utm_campaign)` as written, '' for none. */
  campaign: campaignSpelling('campaign').notNull(),
  leads: int('leads', { unsigned: true }).notNull(),
  closings: int('closings', { unsigned: true }).notNull(),
  /** Σ `enrollments.amount` of those closings, Rupiah. */
  revenue: bigint('revenue', { mode: 'number', unsigned: true }).notNull(),
}, t => [
  primaryKey({ name: 'campaign_month_facts_pk', columns: [t.channelId, t.month, t.campaign] }),
])

/**
 * The pipeline forecast (server/services/reports/forecast.ts): live leads per stage, assignee, program, channel,
 * expected month and whether the next follow-up placed them, with Σ expected value. Keyed by stage, not by stage
 * kind: kinds can be edited, so the report picks the open stages when it reads, and weighs by their probability then.
 */
export const leadForecastFacts = mysqlTable('lead_forecast_facts', {
  stageId: bigint('stage_id', { mode: 'number', unsigned: true }).notNull(),
  assignedTo: bigint('assigned_to', { mode: 'number', unsigned: true }).notNull(),
  programId: bigint('program_id', { mode: 'number', unsigned: true }).notNull(),
  channelId: bigint('channel_id', { mode: 'number', unsigned: true }).notNull(),
  /**
   * YYYYMM of `leads.expected_close_on`, else of the Jakarta day of `leads.next_follow_up_at`; 0 with neither. Only a
   * move to another month changes it, so the frequent follow-up edits leave the facts alone.
   */
  month: int('month', { unsigned: true }).notNull(),
  /** No expected close date, placed by the next follow-up. */
  byFollowUp: boolean('by_follow_up').notNull(),
  leads: int('leads', { unsigned: true }).notNull(),
  /** Σ `leads.expected_value`, Rupiah. */
  expectedValue: bigint('expected_value', { mode: 'number', unsigned: true }).notNull(),
}, t => [
  primaryKey({ name: 'lead_forecast_facts_pk', columns: [t.stageId, t.assignedTo, t.programId, t.channelId, t.month, t.byFollowUp] }),
])

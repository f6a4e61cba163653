import { sql } from 'drizzle-orm'
import { bigint, date, index, int, json, mysqlEnum, mysqlTable, smallint, text, tinyint, varchar } from 'drizzle-orm/mysql-core'
import { FOLLOW_UP_STATUSES } from '../../../shared/enums/leads'
import { bytes, createdAt, id, instant, ref, softDelete, timestamps } from './_columns'
import { channels, pipelineStages, programs } from './catalog'
import { users } from './users'

export const leads = mysqlTable('leads', {
  id: id(),
  studentName: varchar('student_name', { length: 120 }).notNull(),
  parentName: varchar('parent_name', { length: 120 }),
  school: varchar('school', { length: 160 }),
  /** Grade as the school names it: 'SD 6', 'SMP 9', 'SMA 12', 'Alumni'. */
  grade: varchar('grade', { length: 20 }),
  city: varchar('city', { length: 80 }),
  /** WhatsApp number, AES-256-GCM encrypted (see server/utils/crypto.ts). */
  phoneEnc: varchar('phone_enc', { length: 255 }),
  /** HMAC-SHA256 of the E.164 number: the only way the number is searched. */
  phoneBidx: bytes('phone_bidx', 32),
  /** Last four digits in clear so lists can show `•••• 1234` without decrypting. */
  phoneLast4: varchar('phone_last4', { length: 4 }),
  email: varchar('email', { length: 191 }),
  channelId: ref('channel_id').references(() => channels.id),
  utmSource: varchar('utm_source', { length: 120 }),
  utmMedium: varchar('utm_medium', { length: 120 }),
  utmCampaign: varchar('utm_campaign', { length: 160 }),
  utmContent: varchar('utm_content', { length: 160 }),
  utmTerm: varchar('utm_term', { length: 120 }),
  programId: ref('program_id').references(() => programs.id),
  stageId: ref('stage_id').notNull().references(() => pipelineStages.id),
  followUpStatus: mysqlEnum('follow_up_status', FOLLOW_UP_STATUSES).notNull().default('new'),
  assignedTo: ref('assigned_to').references(() => users.id),
  /** Rupiah. */
  expectedValue: bigint('expected_value', { mode: 'number', unsigned: true }).notNull().default(0),
  /** The Jakarta day the lead is expected to close (enrol or drop out), 'YYYY-MM-DD': the forecast's month. */
  expectedCloseOn: date('expected_close_on', { mode: 'string' }),
  nextFollowUpAt: instant('next_follow_up_at'),
  lastActivityAt: instant('last_activity_at'),
  /**
   * The earliest `occurred_at` of the lead's live activities (NULL without one): the team report's first response.
   * Kept by triggers on `activities` (drizzle/0004_team_facts.sql); never written by the app, but for the demo
   * generator, which sets what the triggers would.
   */
  firstActivityAt: instant('first_activity_at'),
  /** Whole hours from creation to the first live activity (0 when it is dated before the lead): computed, not stored. */
  firstResponseHour: int('first_response_hour')
    .generatedAlwaysAs(sql`GREATEST(0, TIMESTAMPDIFF(SECOND, \`created_at\`, \`first_activity_at\`)) DIV 3600`, { mode: 'virtual' }),
  lostReason: varchar('lost_reason', { length: 255 }),
  closedAt: instant('closed_at'),
  /**
   * Every stage the lead has been in, as a comma list of stage ids ('1,2,5'): its history's stages and its current
   * one, the funnel's "how far it got". Kept by triggers (drizzle/0002_lead_month_facts_triggers.sql); never
   * written by the app, but for the demo generator, which sets what the triggers would.
   */
  stagesReached: varchar('stages_reached', { length: 255 }).notNull().default(''),
  /**
   * When the lead entered the stage it is in now: its latest history row into that stage (NULL without one, e.g. a
   * lead written straight into a stage). A won lead's close time, for the conversion report's days to close. Kept
   * by triggers (drizzle/0003_lead_close_figures.sql); never written by the app, but for the demo generator.
   */
  stageEnteredAt: instant('stage_entered_at'),
  /** Σ the lead's active enrolments, Rupiah (the revenue a won lead brought). Kept by triggers on `enrollments`. */
  enrolledAmount: bigint('enrolled_amount', { mode: 'number', unsigned: true }).notNull().default(0),
  /** Seconds from creation to `stage_entered_at` (0 when entered earlier; NULL without): a won lead's time to close. */
  closeSecs: int('close_secs', { unsigned: true })
    .generatedAlwaysAs(sql`GREATEST(0, TIMESTAMPDIFF(SECOND, \`created_at\`, \`stage_entered_at\`))`, { mode: 'stored' }),
  /** `close_secs`' length class, FLOOR(LOG2(close_secs + 1) * 4): `close_month_facts` counts the leads per class. */
  closeBucket: tinyint('close_bucket', { unsigned: true })
    .generatedAlwaysAs(sql`FLOOR(LOG2(GREATEST(0, TIMESTAMPDIFF(SECOND, \`created_at\`, \`stage_entered_at\`)) + 1) * 4)`, { mode: 'stored' }),
  notes: text('notes'),
  createdBy: ref('created_by').references(() => users.id),
  ...timestamps,
  ...softDelete,
}, t => [
  // Almost every query reads live rows only (`deleted_at IS NULL`), so deleted_at sits in each index: counts are
  // answered from the index alone, and as an equality it keeps the trailing column in order for sorting
  // (created_at, or updated_at on the board). See server/services/leads/sorting.ts.
  index('leads_live_created_idx').on(t.deletedAt, t.createdAt),
  index('leads_live_updated_idx').on(t.deletedAt, t.updatedAt),
  // The dashboard's month cohort by stage, channel and assignee, and the targets report's by program, channel and
  // assignee, counted from the index alone (a separate index: extra columns after created_at would cost the lists
  // their (created_at, id) order).
  index('leads_live_created_cube_idx').on(t.deletedAt, t.createdAt, t.stageId, t.channelId, t.assignedTo, t.programId),
  // The team report's first response: someone's new leads of a period (one range per person), by channel and
  // program, with their first live activity, from the index alone.
  index('leads_first_response_idx').on(t.deletedAt, t.assignedTo, t.createdAt, t.channelId, t.programId, t.firstActivityAt),
  // And someone's leads first answered in a given hour after creation: the exact times around the median.
  index('leads_response_hour_idx').on(t.deletedAt, t.assignedTo, t.firstResponseHour, t.createdAt, t.channelId, t.programId, t.firstActivityAt),
  index('leads_assignee_stage_idx').on(t.assignedTo, t.stageId, t.deletedAt, t.createdAt),
  // A person's leads of a period; with the cohort's other keys and the free-text columns, so the leads report's
  // school and grade groupings of one person read the index alone (as the channel and program indexes below).
  index('leads_assignee_idx').on(t.assignedTo, t.deletedAt, t.createdAt, t.stageId, t.channelId, t.programId, t.school, t.grade),
  // Someone's follow-ups (overdue, today, this week), narrowed by stage, channel and program without reading rows.
  index('leads_assignee_next_idx').on(t.assignedTo, t.deletedAt, t.nextFollowUpAt, t.stageId, t.channelId, t.programId),
  index('leads_stage_idx').on(t.stageId, t.deletedAt, t.updatedAt),
  // The board's per-stage count, sum and weighted sum, answered from the index alone.
  index('leads_stage_value_idx').on(t.stageId, t.deletedAt, t.expectedValue),
  // The conversion report: a period's won leads (their stage first) with their close time and revenue, index only.
  index('leads_closed_idx').on(t.stageId, t.deletedAt, t.createdAt, t.channelId, t.assignedTo, t.programId, t.stageEnteredAt, t.enrolledAmount),
  // The conversion median's second step: a period's won leads of one length class, index only.
  index('leads_close_bucket_idx').on(t.stageId, t.closeBucket, t.deletedAt, t.createdAt, t.channelId, t.closeSecs),
  // The forecast: the open pipeline by expected close (or next follow-up) month, person and program, weighted by
  // stage, answered from the index alone (see server/services/reports/forecast.ts).
  index('leads_forecast_idx').on(t.deletedAt, t.stageId, t.expectedCloseOn, t.nextFollowUpAt, t.assignedTo, t.programId, t.channelId, t.expectedValue),
  index('leads_channel_created_idx').on(t.channelId, t.deletedAt, t.createdAt, t.stageId, t.assignedTo, t.programId, t.school, t.grade),
  index('leads_program_idx').on(t.programId, t.deletedAt, t.createdAt, t.stageId, t.channelId, t.assignedTo, t.school, t.grade),
  index('leads_follow_up_status_idx').on(t.followUpStatus, t.deletedAt, t.createdAt),
  index('leads_next_follow_up_idx').on(t.nextFollowUpAt, t.deletedAt, t.createdAt),
  // The whole team's follow-ups (the follow-ups page for everyone, the team view): live leads by next follow-up,
  // with the assignee, so each bucket's count and page are read off this index alone, in the page's order.
  index('leads_live_follow_up_idx').on(t.deletedAt, t.nextFollowUpAt, t.assignedTo),
  index('leads_last_activity_idx').on(t.lastActivityAt, t.deletedAt, t.createdAt),
  index('leads_grade_idx').on(t.grade, t.deletedAt, t.createdAt),
  index('leads_city_idx').on(t.city, t.deletedAt, t.createdAt),
  index('leads_value_idx').on(t.expectedValue, t.deletedAt, t.createdAt),
  index('leads_phone_bidx_idx').on(t.phoneBidx),
  // Prefix search (`LIKE 'x%'`) on names and schools; created_at makes the default order covered.
  index('leads_student_name_idx').on(t.studentName, t.deletedAt, t.createdAt),
  index('leads_parent_name_idx').on(t.parentName, t.deletedAt, t.createdAt),
  index('leads_school_idx').on(t.school, t.deletedAt, t.createdAt),
])

/** Every stage change: funnel, conversion and time-in-stage are computed from here. */
export const leadStageHistory = mysqlTable('lead_stage_history', {
  id: id(),
  leadId: ref('lead_id').notNull().references(() => leads.id, { onDelete: 'cascade' }),
  fromStageId: ref('from_stage_id').references(() => pipelineStages.id),
  toStageId: ref('to_stage_id').notNull().references(() => pipelineStages.id),
  changedBy: ref('changed_by').references(() => users.id),
  changedAt: instant('changed_at').notNull(),
}, t => [
  // A lead's history in time order with its stages: the funnel's window passes read the index alone.
  index('lsh_lead_idx').on(t.leadId, t.changedAt, t.toStageId),
  // The dashboard's funnel: every stage a lead reached, without reading the rows.
  index('lsh_lead_stage_idx').on(t.leadId, t.toStageId),
  index('lsh_to_stage_idx').on(t.toStageId, t.changedAt),
  // The latest-updates feed reads the newest changes across all leads.
  index('lsh_changed_idx').on(t.changedAt),
])

export const activities = mysqlTable('activities', {
  id: id(),
  leadId: ref('lead_id').notNull().references(() => leads.id),
  userId: ref('user_id').references(() => users.id),
  type: mysqlEnum('type', ['call', 'chat', 'meeting', 'note']).notNull(),
  outcome: varchar('outcome', { length: 40 }),
  notes: text('notes'),
  occurredAt: instant('occurred_at').notNull(),
  nextAction: varchar('next_action', { length: 255 }),
  nextActionAt: instant('next_action_at'),
  ...timestamps,
  ...softDelete,
}, t => [
  // A lead's timeline, and its first live activity (the team report's first response) from the index alone.
  index('activities_lead_idx').on(t.leadId, t.deletedAt, t.occurredAt),
  index('activities_user_idx').on(t.userId, t.occurredAt),
  index('activities_next_action_idx').on(t.nextActionAt),
  // The team report counts a period's live activities per person and type from the index alone.
  index('activities_occurred_idx').on(t.occurredAt, t.deletedAt, t.userId, t.type),
  // The latest-updates feed walks the newest activities across all leads in (occurred_at, id) order: an index of
  // the time alone ends in the primary key, which the wider index above cannot (it would sort every activity).
  index('activities_recent_idx').on(t.occurredAt),
])

export const todos = mysqlTable('todos', {
  id: id(),
  userId: ref('user_id').notNull().references(() => users.id),
  leadId: ref('lead_id').references(() => leads.id),
  title: varchar('title', { length: 200 }).notNull(),
  notes: text('notes'),
  priority: smallint('priority').notNull().default(2),
  dueAt: instant('due_at'),
  remindAt: instant('remind_at'),
  doneAt: instant('done_at'),
  ...timestamps,
  ...softDelete,
}, t => [
  index('todos_user_due_idx').on(t.userId, t.doneAt, t.dueAt),
  index('todos_remind_idx').on(t.remindAt),
])

/** A won lead becomes a student: real revenue and real student numbers come from here. */
export const enrollments = mysqlTable('enrollments', {
  id: id(),
  leadId: ref('lead_id').notNull().references(() => leads.id),
  programId: ref('program_id').notNull().references(() => programs.id),
  /** Rupiah actually paid / contracted. */
  amount: bigint('amount', { mode: 'number', unsigned: true }).notNull(),
  enrolledAt: instant('enrolled_at').notNull(),
  /** The staff member credited with the enrolment. */
  userId: ref('user_id').references(() => users.id),
  channelId: ref('channel_id').references(() => channels.id),
  status: mysqlEnum('status', ['active', 'cancelled']).notNull().default('active'),
  meta: json('meta'),
  createdAt: createdAt(),
}, t => [
  index('enrollments_enrolled_idx').on(t.enrolledAt),
  // Real students and revenue per month (and per program, person and channel), answered from the index alone.
  index('enrollments_status_enrolled_idx').on(t.status, t.enrolledAt, t.amount, t.programId, t.userId, t.channelId),
  index('enrollments_program_idx').on(t.programId, t.enrolledAt),
  index('enrollments_lead_idx').on(t.leadId),
  index('enrollments_user_idx').on(t.userId, t.enrolledAt),
])

export type Lead = typeof leads.$inferSelect
export type NewLead = typeof leads.$inferInsert
export type Activity = typeof activities.$inferSelect
export type Todo = typeof todos.$inferSelect
export type Enrollment = typeof enrollments.$inferSelect

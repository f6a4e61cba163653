import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm'
import type { MySqlColumn } from 'drizzle-orm/mysql-core'
import { leadMonthFacts } from '../../db/schema'
import type { ChannelInfo, LeadFilter } from './cohort'
import type { ReportViewer } from './scope'

/**
 * Reads of `lead_month_facts` (server/db/schema/summaries.ts): the live leads per Jakarta month of creation,
 * stage, channel, assignee and program, kept exact by triggers. Any count of "leads created in whole months",
 * grouped or filtered by those keys, is a sum over a few thousand rows here instead of a scan of every lead.
 * The lead-level reads (a school, a median, a lead's history) still go to `leads` through `leadCohort`.
 */
export const facts = leadMonthFacts

/** The facts of the Jakarta months from..to ('YYYY-MM', inclusive) that `leadCohort` would select, filter for filter. */
export function factsCohort(from: string, to: string, q: LeadFilter, viewer: Pick<ReportViewer, 'ownerId'>, channelList: ChannelInfo[]): SQL {
  const ofSource = q.sourceType ? channelList.filter(c => c.sourceType === q.sourceType).map(c => c.id) : null
  return and(
    from === to ? eq(facts.month, from) : and(gte(facts.month, from), lte(facts.month, to)),
    q.channelId ? eq(facts.channelId, q.channelId) : undefined,
    ofSource ? factIn(facts.channelId, ofSource) : undefined,
    q.programId ? eq(facts.programId, q.programId) : undefined,
    q.userId ? eq(facts.assignedTo, q.userId) : undefined,
    viewer.ownerId != null ? eq(facts.assignedTo, viewer.ownerId) : undefined,
  )!
}

/** `column IN (ids)`, FALSE for none. */
export function factIn(column: MySqlColumn, ids: readonly number[]): SQL {
  return ids.length ? sql`${column} IN (${sql.join(ids.map(id => sql`${id}`), sql`, `)})` : sql`FALSE`
}

/** How many leads the grouped facts hold. */
export const leadSum = () => sql<string>`COALESCE(SUM(${facts.leads}), 0)`

/** How many of them sit in one of these stages now (the won or lost ones). */
export const leadSumIn = (stageIds: readonly number[]) =>
  stageIds.length ? sql<string>`COALESCE(SUM(CASE WHEN ${factIn(facts.stageId, stageIds)} THEN ${facts.leads} ELSE 0 END), 0)` : sql<string>`0`

/** A key read back as the lead's column reads: 0 (no channel, assignee or program) is null. */
export const keyOf = (id: number | string): number | null => (Number(id) === 0 ? null : Number(id))

/** The stage ids of a `reached` key ('1,2,5'). */
export const stagesOf = (reached: string): number[] => (reached ? reached.split(',').map(Number) : [])

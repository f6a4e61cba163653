import { and, gte, inArray, isNull, lt, lte, sql, type SQL } from 'drizzle-orm'
import type { SourceType } from '../../../shared/enums/catalog'
import { closeMonthFacts, leads } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { inIds, type ChannelInfo, type LeadFilter, type Outcomes } from './cohort'
import { countInto, inSnapshot, locateMiddles } from './class-median'

/**
 * The conversion report's won-lead figures: the revenue of the cohort's won leads per channel, and the middle time(s)
 * to close per channel, per source type and overall (`Middle`, one or two per group, averaged by the caller).
 *
 * With no program or person in the cohort (the Owner's, Manager's and Admin's default) both come from
 * `close_month_facts` (live leads per creation month, stage, channel and close-time class, with their enrolments'
 * sum): the revenue directly, and each group's middle ranks tell which classes to read; then the won leads of only
 * those classes are read (`leads_close_bucket_idx`) and ranked here. Otherwise (a Sales/CS user's own leads, a
 * program or person filter) the cohort's won leads are read from `leads_closed_idx` and ranked in SQL. The class
 * method is `class-median.ts`'s; its two reads see one snapshot.
 */

const num = (v: unknown) => Number(v ?? 0)
/** `close_month_facts.bucket` of a lead without a time to close. */
const NO_CLASS = 255

export interface Middle { channelId: number | null, sourceType: SourceType | null, seconds: number, ofChannel: boolean, ofSource: boolean, ofAll: boolean }
export interface ChannelRevenue { channelId: number | null, amount: number }
export interface WonFigures { revenue: ChannelRevenue[], middles: Middle[] }

interface Cohort { from: string, to: string, range: [Date, Date], filter: LeadFilter, sql: SQL, ownLeadsOnly: boolean }

export function wonFigures(db: DbOrTx, cohort: Cohort, stages: Outcomes, channelList: ChannelInfo[], money: boolean): Promise<WonFigures> {
  if (!stages.won.length) return Promise.resolve({ revenue: [], middles: [] })
  if (cohort.ownLeadsOnly || cohort.filter.programId || cohort.filter.userId) {
    return Promise.all([
      money ? revenueOfLeads(db, cohort.sql, stages) : Promise.resolve([]),
      rankedMiddles(db, cohort.sql, stages, channelList),
    ]).then(([revenue, middles]) => ({ revenue, middles }))
  }
  return factsFigures(db, cohort, stages, channelList, money)
}

/** The channels the filters leave: one, a source type's, or all (null). */
function channelsOf(filter: LeadFilter, channelList: ChannelInfo[]): number[] | null {
  if (filter.channelId) return [filter.channelId]
  if (filter.sourceType) return channelList.filter(c => c.sourceType === filter.sourceType).map(c => c.id)
  return null
}

type Group = { kind: 'channel' | 'source' | 'all', channelId: number | null, sourceType: SourceType | null }

async function factsFigures(db: DbOrTx, cohort: Cohort, stages: Outcomes, channelList: ChannelInfo[], money: boolean): Promise<WonFigures> {
  const channels = channelsOf(cohort.filter, channelList)
  if (channels && !channels.length) return { revenue: [], middles: [] }
  const typeOf = new Map(channelList.map(c => [c.id, c.sourceType]))
  const sourceOf = (id: number | null): SourceType | null => (id == null ? null : typeOf.get(id) ?? 'other')
  return inSnapshot(db, async (tx) => {
    const rows = await tx.select({
      channelId: closeMonthFacts.channelId, bucket: closeMonthFacts.bucket,
      leads: sql<string>`SUM(${closeMonthFacts.leads})`, amount: sql<string>`SUM(${closeMonthFacts.enrolledAmount})`,
    }).from(closeMonthFacts)
      .where(and(
        gte(closeMonthFacts.month, cohort.from), lte(closeMonthFacts.month, cohort.to), inArray(closeMonthFacts.stageId, stages.won),
        channels ? inArray(closeMonthFacts.channelId, channels) : undefined,
      ))
      .groupBy(closeMonthFacts.channelId, closeMonthFacts.bucket)

    const channelKey = (id: number) => (id === 0 ? null : id)
    const revenue = new Map<number | null, number>()
    for (const r of rows) revenue.set(channelKey(r.channelId), (revenue.get(channelKey(r.channelId)) ?? 0) + num(r.amount))

    // The groups (each channel, each source type, all) and their won leads with a time to close per class.
    const groups = new Map<Group, Map<number, number>>()
    const keys = new Map<string, Group>()
    const group = (key: string, g: Group) => keys.get(key) ?? keys.set(key, g).get(key)!
    for (const r of rows) {
      if (r.bucket === NO_CLASS) continue
      const channelId = channelKey(r.channelId)
      const sourceType = sourceOf(channelId)
      for (const g of [
        group(`c${channelId}`, { kind: 'channel', channelId, sourceType }),
        group(`s${sourceType}`, { kind: 'source', channelId: null, sourceType }),
        group('all', { kind: 'all', channelId: null, sourceType: null }),
      ]) countInto(groups, g, r.bucket, num(r.leads))
    }
    const { wanted } = locateMiddles(groups)
    const buckets = [...new Set(wanted.map(w => w.cls))]
    const won = buckets.length ? await wonLeadsOfClasses(tx, cohort.range, stages, buckets, channels) : []

    const middles: Middle[] = wanted.map(({ key: g, cls, k }) => {
      const secs = won
        .filter(l => l.bucket === cls && (g.kind === 'all' || (g.kind === 'channel' ? l.channelId === g.channelId : sourceOf(l.channelId) === g.sourceType)))
        .map(l => l.secs).sort((a, b) => a - b)
      if (secs.length < k) throw new Error(`close_month_facts and leads disagree (class ${cls}, rank ${k})`)
      return { channelId: g.channelId, sourceType: g.sourceType, seconds: secs[k - 1]!, ofChannel: g.kind === 'channel', ofSource: g.kind === 'source', ofAll: g.kind === 'all' }
    })
    return { revenue: money ? [...revenue].map(([channelId, amount]) => ({ channelId, amount })) : [], middles }
  })
}

/** The period's live won leads of the given close-time classes: channel, class and seconds, from the index alone. */
async function wonLeadsOfClasses(db: DbOrTx, [start, end]: [Date, Date], stages: Outcomes, buckets: number[], channels: number[] | null) {
  const rows = await db.select({ channelId: leads.channelId, bucket: leads.closeBucket, secs: leads.closeSecs })
    .from(leads, { forceIndex: 'leads_close_bucket_idx' })
    .where(and(
      inArray(leads.stageId, stages.won), inArray(leads.closeBucket, buckets), isNull(leads.deletedAt),
      gte(leads.createdAt, start), lt(leads.createdAt, end),
      channels ? inArray(leads.channelId, channels) : undefined,
    ))
  return rows.map(r => ({ channelId: r.channelId, bucket: num(r.bucket), secs: num(r.secs) }))
}
/**
 * The active enrolments of the cohort's won leads, per channel: `leads.enrolled_amount`, the sum of each lead's active
 * enrolments that triggers keep, read from `leads_closed_idx` with the won leads of the period (no enrolment read).
 */
async function revenueOfLeads(db: DbOrTx, cohort: SQL, stages: Outcomes): Promise<{ channelId: number | null, amount: number }[]> {
  if (!stages.won.length) return []
  const [rows] = await db.execute(sql`
    SELECT ${leads.channelId} AS channel_id, SUM(${leads.enrolledAmount}) AS amount
    FROM ${leads} FORCE INDEX (leads_closed_idx)
    WHERE ${cohort} AND ${inIds(leads.stageId, stages.won)}
    GROUP BY ${leads.channelId}`) as unknown as [{ channel_id: number | null, amount: number | string }[]]
  return rows.map(r => ({ channelId: r.channel_id == null ? null : num(r.channel_id), amount: num(r.amount) }))
}

/**
 * Time to close of each won lead of the cohort: from its creation to the move that put it in the won stage it is
 * in (`leads.stage_entered_at`, its latest history row into that stage; a lead without such a row has no time to
 * close). Ranked per channel, per source type and overall with window functions; only the middle one or two of
 * each ranking come back. The won leads of the period and both figures are read from `leads_closed_idx` alone.
 */
async function rankedMiddles(db: DbOrTx, cohort: SQL, stages: Outcomes, channelList: ChannelInfo[]): Promise<Middle[]> {
  if (!stages.won.length) return []
  const middle = (rank: string, size: string) => sql.raw(`${rank} IN (FLOOR((${size} + 1) / 2), FLOOR(${size} / 2) + 1)`)
  // The source type from the channel id in place (no join, so the leads stay the first and only table read).
  const sourceType = channelList.length
    ? sql`CASE ${leads.channelId} ${sql.join(channelList.map(c => sql`WHEN ${c.id} THEN ${c.sourceType}`), sql` `)} END`
    : sql`NULL`
  // One ranking per level: MariaDB 10.11 reuses one window's sort for another whose ORDER BY it wrongly takes as
  // already satisfied (ORDER BY secs after PARTITION BY channel ORDER BY secs), so each ranking sorts on its own.
  const statement = sql`
    SELECT w.channel_id, w.source_type, w.secs,
      ${middle('w.rc', 'w.cc')} AS of_channel, ${middle('w.rs', 'w.cs')} AS of_source, ${middle('w.rt', 'w.ct')} AS of_all
    FROM (
      SELECT v.*, ROW_NUMBER() OVER (ORDER BY v.secs) AS rt, COUNT(*) OVER () AS ct
      FROM (
        SELECT u.*, ROW_NUMBER() OVER (PARTITION BY u.source_type ORDER BY u.secs) AS rs, COUNT(*) OVER (PARTITION BY u.source_type) AS cs
        FROM (
          SELECT d.channel_id, d.source_type, d.secs,
            ROW_NUMBER() OVER (PARTITION BY d.channel_id ORDER BY d.secs) AS rc, COUNT(*) OVER (PARTITION BY d.channel_id) AS cc
          FROM (
            SELECT ${leads.channelId} AS channel_id, ${sourceType} AS source_type,
              GREATEST(0, TIMESTAMPDIFF(SECOND, ${leads.createdAt}, ${leads.stageEnteredAt})) AS secs
            FROM ${leads} FORCE INDEX (leads_closed_idx)
            WHERE ${cohort} AND ${inIds(leads.stageId, stages.won)}
          ) d
          WHERE d.secs IS NOT NULL
        ) u
      ) v
    ) w
    WHERE ${middle('w.rc', 'w.cc')} OR ${middle('w.rs', 'w.cs')} OR ${middle('w.rt', 'w.ct')}`
  const [rows] = await db.execute(statement) as unknown as [{ channel_id: number | null, source_type: SourceType | null, secs: number | string, of_channel: number, of_source: number, of_all: number }[]]
  return rows.map(r => ({
    channelId: r.channel_id == null ? null : num(r.channel_id), sourceType: r.source_type, seconds: num(r.secs),
    ofChannel: !!num(r.of_channel), ofSource: !!num(r.of_source), ofAll: !!num(r.of_all),
  }))
}

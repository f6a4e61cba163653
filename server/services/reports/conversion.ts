import { sql, type SQL } from 'drizzle-orm'
import type { SourceType } from '../../../shared/enums/catalog'
import type { ReportQuery } from '../../../shared/schemas/reports'
import type { ConversionData, ConversionRow } from '../../../shared/types/report-conversion'
import { days, median, percent } from '../../../shared/utils/figures'
import { leads } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { facts, factsCohort, keyOf, leadSum, leadSumIn } from './lead-facts'
import { closingStages, inIds, leadCohort, loadChannelInfo, periodRange, type ChannelInfo, type Outcomes } from './cohort'
import type { ReportViewer } from './scope'

const num = (v: unknown) => Number(v ?? 0)

interface Counts { leads: number, won: number, lost: number, revenue: number, middle: number[] }
const empty = (): Counts => ({ leads: 0, won: 0, lost: 0, revenue: 0, middle: [] })

/**
 * Conversion of a cohort: the leads created in the period (after the filters) and what they are now — won, lost
 * or still open — per channel and per source type, with the median time to close of the won ones and the revenue
 * their active enrolments brought (whenever enrolled). Three aggregate queries; the median is found in SQL and
 * only the one or two middle durations of each group leave the database. Both per-lead figures are kept on the lead
 * by triggers (docs/reports.md#per-lead-close-figures).
 */
export async function conversionReport(db: DbOrTx, viewer: ReportViewer, q: ReportQuery<'conversion'>): Promise<ConversionData> {
  const [stages, channelList] = await Promise.all([closingStages(db), loadChannelInfo(db)])
  const cohort = leadCohort(periodRange(q.from, q.to), q, viewer, channelList)

  const [counted, middles, revenue] = await Promise.all([
    db.select({ channelId: facts.channelId, leads: leadSum(), won: leadSumIn(stages.won), lost: leadSumIn(stages.lost) })
      .from(facts).where(factsCohort(q.from, q.to, q, viewer, channelList)).groupBy(facts.channelId)
      .then(rows => rows.map(r => ({ ...r, channelId: keyOf(r.channelId) }))),
    middleDurations(db, cohort, stages, channelList),
    viewer.money ? wonRevenue(db, cohort, stages) : Promise.resolve([]),
  ])

  const channelOf = new Map(channelList.map(c => [c.id, c]))
  const byChannel = new Map<number | null, Counts>()
  const bySource = new Map<SourceType | null, Counts>()
  const all = empty()
  const typeOf = (channelId: number | null) => (channelId == null ? null : channelOf.get(channelId)?.sourceType ?? 'other')
  const at = <K>(map: Map<K, Counts>, key: K) => map.get(key) ?? map.set(key, empty()).get(key)!
  for (const r of counted) {
    for (const c of [at(byChannel, r.channelId), at(bySource, typeOf(r.channelId)), all]) {
      c.leads += num(r.leads)
      c.won += num(r.won)
      c.lost += num(r.lost)
    }
  }
  for (const r of revenue) {
    for (const c of [at(byChannel, r.channelId), at(bySource, typeOf(r.channelId)), all]) c.revenue += num(r.amount)
  }
  for (const m of middles) {
    if (m.ofChannel) at(byChannel, m.channelId).middle.push(m.seconds)
    if (m.ofSource) at(bySource, m.sourceType).middle.push(m.seconds)
    if (m.ofAll) all.middle.push(m.seconds)
  }

  const figures = (c: Counts): ConversionData['totals'] => {
    const mid = median(c.middle)
    return {
      leads: c.leads, won: c.won, lost: c.lost, open: c.leads - c.won - c.lost,
      conversion: percent(c.won, c.leads), closeRate: percent(c.won, c.won + c.lost),
      medianDays: days(mid == null ? null : mid * 1000),
      ...(viewer.money ? { revenue: c.revenue } : {}),
    }
  }
  const channelRows: ConversionRow[] = [...byChannel].map(([id, c]) => id == null
    ? { key: 'none', kind: 'none' as const, label: null, ...figures(c) }
    : { key: `channel:${id}`, kind: 'item' as const, label: channelOf.get(id)?.name ?? null, sourceType: typeOf(id)!, ...figures(c) })
  const sourceRows: ConversionRow[] = [...bySource].map(([type, c]) => type == null
    ? { key: 'none', kind: 'none' as const, label: null, ...figures(c) }
    : { key: `sourceType:${type}`, kind: 'item' as const, label: type, ...figures(c) })
  return { channels: order(channelRows), sourceTypes: order(sourceRows), totals: figures(all) }
}

/** Most leads first, then most won; leads without a channel last. */
function order(rows: ConversionRow[]): ConversionRow[] {
  return rows.sort((a, b) => Number(a.kind === 'none') - Number(b.kind === 'none') || b.leads - a.leads || b.won - a.won || (a.label ?? '').localeCompare(b.label ?? ''))
}

/**
 * The active enrolments of the cohort's won leads, per channel: `leads.enrolled_amount`, the sum of each lead's active
 * enrolments that triggers keep, read from `leads_closed_idx` with the won leads of the period (no enrolment read).
 */
async function wonRevenue(db: DbOrTx, cohort: SQL, stages: Outcomes): Promise<{ channelId: number | null, amount: number }[]> {
  if (!stages.won.length) return []
  const [rows] = await db.execute(sql`
    SELECT ${leads.channelId} AS channel_id, SUM(${leads.enrolledAmount}) AS amount
    FROM ${leads} FORCE INDEX (leads_closed_idx)
    WHERE ${cohort} AND ${inIds(leads.stageId, stages.won)}
    GROUP BY ${leads.channelId}`) as unknown as [{ channel_id: number | null, amount: number | string }[]]
  return rows.map(r => ({ channelId: r.channel_id == null ? null : num(r.channel_id), amount: num(r.amount) }))
}

interface Middle { channelId: number | null, sourceType: SourceType | null, seconds: number, ofChannel: boolean, ofSource: boolean, ofAll: boolean }

/**
 * Time to close of each won lead of the cohort: from its creation to the move that put it in the won stage it is
 * in (`leads.stage_entered_at`, its latest history row into that stage; a lead without such a row has no time to
 * close). Ranked per channel, per source type and overall with window functions; only the middle one or two of
 * each ranking come back. The won leads of the period and both figures are read from `leads_closed_idx` alone.
 */
async function middleDurations(db: DbOrTx, cohort: SQL, stages: Outcomes, channelList: ChannelInfo[]): Promise<Middle[]> {
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

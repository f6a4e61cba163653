import { and, count, eq, sql, sum, type SQL } from 'drizzle-orm'
import type { SourceType } from '../../../shared/enums/catalog'
import type { ReportQuery } from '../../../shared/schemas/reports'
import type { ConversionData, ConversionRow } from '../../../shared/types/report-conversion'
import { days, median, percent } from '../../../shared/utils/figures'
import { channels, enrollments, leads, leadStageHistory } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { closingStages, flag, inIds, leadCohort, loadChannelInfo, periodRange, type Outcomes } from './cohort'
import type { ReportViewer } from './scope'

const num = (v: unknown) => Number(v ?? 0)

interface Counts { leads: number, won: number, lost: number, revenue: number, middle: number[] }
const empty = (): Counts => ({ leads: 0, won: 0, lost: 0, revenue: 0, middle: [] })

/**
 * Conversion of a cohort: the leads created in the period (after the filters) and what they are now — won, lost
 * or still open — per channel and per source type, with the median time to close of the won ones and the revenue
 * their active enrolments brought (whenever enrolled). Three aggregate queries; the median is found in SQL and
 * only the one or two middle durations of each group leave the database.
 */
export async function conversionReport(db: DbOrTx, viewer: ReportViewer, q: ReportQuery<'conversion'>): Promise<ConversionData> {
  const [stages, channelList] = await Promise.all([closingStages(db), loadChannelInfo(db)])
  const cohort = leadCohort(periodRange(q.from, q.to), q, viewer, channelList)

  const [counted, middles, revenue] = await Promise.all([
    db.select({ channelId: leads.channelId, leads: count(), won: flag(inIds(leads.stageId, stages.won)), lost: flag(inIds(leads.stageId, stages.lost)) })
      .from(leads).where(cohort).groupBy(leads.channelId),
    middleDurations(db, cohort, stages),
    viewer.money
      ? db.select({ channelId: leads.channelId, amount: sum(enrollments.amount) }).from(leads)
          .innerJoin(enrollments, and(eq(enrollments.leadId, leads.id), eq(enrollments.status, 'active')))
          .where(and(cohort, inIds(leads.stageId, stages.won))).groupBy(leads.channelId)
      : Promise.resolve([]),
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

interface Middle { channelId: number | null, sourceType: SourceType | null, seconds: number, ofChannel: boolean, ofSource: boolean, ofAll: boolean }

/**
 * Time to close of each won lead of the cohort: from its creation to its latest move into a won stage (the move
 * that put it where it is; a lead without such a move in its history has no time to close). Ranked per channel,
 * per source type and overall with window functions; only the middle one or two of each ranking come back.
 */
async function middleDurations(db: DbOrTx, cohort: SQL, stages: Outcomes): Promise<Middle[]> {
  if (!stages.won.length) return []
  const middle = (rank: string, size: string) => sql.raw(`${rank} IN (FLOOR((${size} + 1) / 2), FLOOR(${size} / 2) + 1)`)
  const statement = sql`
    SELECT w.channel_id, w.source_type, w.secs,
      ${middle('w.rc', 'w.cc')} AS of_channel, ${middle('w.rs', 'w.cs')} AS of_source, ${middle('w.rt', 'w.ct')} AS of_all
    FROM (
      SELECT d.channel_id, d.source_type, d.secs,
        ROW_NUMBER() OVER (PARTITION BY d.channel_id ORDER BY d.secs) AS rc, COUNT(*) OVER (PARTITION BY d.channel_id) AS cc,
        ROW_NUMBER() OVER (PARTITION BY d.source_type ORDER BY d.secs) AS rs, COUNT(*) OVER (PARTITION BY d.source_type) AS cs,
        ROW_NUMBER() OVER (ORDER BY d.secs) AS rt, COUNT(*) OVER () AS ct
      FROM (
        SELECT ${leads.channelId} AS channel_id, ${channels.sourceType} AS source_type,
          GREATEST(0, TIMESTAMPDIFF(SECOND, ${leads.createdAt}, MAX(${leadStageHistory.changedAt}))) AS secs
        FROM ${leads}
        JOIN ${leadStageHistory} ON ${leadStageHistory.leadId} = ${leads.id} AND ${inIds(leadStageHistory.toStageId, stages.won)}
        LEFT JOIN ${channels} ON ${channels.id} = ${leads.channelId}
        WHERE ${cohort} AND ${inIds(leads.stageId, stages.won)}
        GROUP BY ${leads.id}, ${leads.channelId}, ${leads.createdAt}, ${channels.sourceType}
      ) d
    ) w
    WHERE ${middle('w.rc', 'w.cc')} OR ${middle('w.rs', 'w.cs')} OR ${middle('w.rt', 'w.ct')}`
  const [rows] = await db.execute(statement) as unknown as [{ channel_id: number | null, source_type: SourceType | null, secs: number | string, of_channel: number, of_source: number, of_all: number }[]]
  return rows.map(r => ({
    channelId: r.channel_id == null ? null : num(r.channel_id), sourceType: r.source_type, seconds: num(r.secs),
    ofChannel: !!num(r.of_channel), ofSource: !!num(r.of_source), ofAll: !!num(r.of_all),
  }))
}

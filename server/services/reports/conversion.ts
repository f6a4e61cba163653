import type { SourceType } from '../../../shared/enums/catalog'
import type { ReportQuery } from '../../../shared/schemas/reports'
import type { ConversionData, ConversionRow } from '../../../shared/types/report-conversion'
import { days, median, percent } from '../../../shared/utils/figures'
import type { DbOrTx } from '../../utils/db'
import { facts, factsCohort, keyOf, leadSum, leadSumIn } from './lead-facts'
import { wonFigures } from './close-times'
import { closingStages, leadCohort, loadChannelInfo, periodRange } from './cohort'
import type { ReportViewer } from './scope'

const num = (v: unknown) => Number(v ?? 0)

interface Counts { leads: number, won: number, lost: number, revenue: number, middle: number[] }
const empty = (): Counts => ({ leads: 0, won: 0, lost: 0, revenue: 0, middle: [] })

/**
 * Conversion of a cohort: the leads created in the period (after the filters) and what they are now — won, lost
 * or still open — per channel and per source type, with the median time to close of the won ones and the revenue
 * their active enrolments brought (whenever enrolled). The counts come from `lead_month_facts`, the won leads' time to
 * close and revenue from `close-times.ts` (docs/reports.md#per-lead-close-figures).
 */
export async function conversionReport(db: DbOrTx, viewer: ReportViewer, q: ReportQuery<'conversion'>): Promise<ConversionData> {
  const [stages, channelList] = await Promise.all([closingStages(db), loadChannelInfo(db)])
  const range = periodRange(q.from, q.to)
  const cohort = { from: q.from, to: q.to, range, filter: q, sql: leadCohort(range, q, viewer, channelList), ownLeadsOnly: viewer.ownerId != null }

  const [counted, { middles, revenue }] = await Promise.all([
    db.select({ channelId: facts.channelId, leads: leadSum(), won: leadSumIn(stages.won), lost: leadSumIn(stages.lost) })
      .from(facts).where(factsCohort(q.from, q.to, q, viewer, channelList)).groupBy(facts.channelId)
      .then(rows => rows.map(r => ({ ...r, channelId: keyOf(r.channelId) }))),
    wonFigures(db, cohort, stages, channelList, viewer.money),
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

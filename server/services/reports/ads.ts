import { and, asc, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { ReportQuery } from '../../../shared/schemas/reports'
import type { AdsData, AdsFigures, AdsPlatform, AdsRow } from '../../../shared/types/report-ads'
import { percent, perUnit, ratio } from '../../../shared/utils/figures'
import { lastDayOfMonth } from '../../../shared/utils/months'
import { adSpend, campaignMonthFacts, channels } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { validationError } from '../../utils/validation'
import type { ReportViewer } from './scope'
import { monthsOf } from './target-vs-real'

/**
 * Ads performance: what the ad platforms report (spend, impressions, clicks, their own lead count, from
 * `ad_spend`) next to what reached the CRM (leads created on the channel) and what it earned (active enrolments on
 * the channel: closings and revenue, the definitions of `actuals.ts`). Two grouped queries over the period, the
 * spend and `campaign_month_facts` (the leads, closings and revenue per channel, month and campaign, kept by
 * triggers: server/db/schema/report-facts.ts), merged by (channel, month) or (channel, campaign). A campaign is
 * matched lower-cased and trimmed: ad spend's `campaign` against the lead's `utm_campaign` (for enrolments: their
 * lead's).
 */

interface Tally { spend: number, impressions: number, clicks: number, platformLeads: number, leads: number, closings: number, revenue: number }
const zero = (): Tally => ({ spend: 0, impressions: 0, clicks: 0, platformLeads: 0, leads: 0, closings: 0, revenue: 0 })
const add = (a: Tally, b: Partial<Tally>) => {
  for (const k of Object.keys(b) as (keyof Tally)[]) a[k] += b[k] ?? 0
  return a
}
const num = (v: unknown) => Number(v ?? 0)

/** The figures of a tally; money ones only for viewers who may see money. */
export function adsFigures(t: Tally, money: boolean): AdsFigures {
  const f: AdsFigures = {
    impressions: t.impressions, clicks: t.clicks, ctr: percent(t.clicks, t.impressions),
    platformLeads: t.platformLeads, leads: t.leads, closings: t.closings,
  }
  if (!money) return f
  return {
    ...f,
    spend: t.spend, cpc: perUnit(t.spend, t.clicks), cpl: perUnit(t.spend, t.leads), costPerClosing: perUnit(t.spend, t.closings),
    revenue: t.revenue, roas: ratio(t.revenue, t.spend),
  }
}

/** A campaign as the rows match it: lower-cased and trimmed, '' for none. */
const campaignKey = (column: typeof adSpend.campaign) => sql<string>`COALESCE(LOWER(TRIM(${column})), '')`
const facts = campaignMonthFacts
/** 'YYYY-MM' as the facts' YYYYMM. */
const yyyymm = (month: string) => Number(month.replace('-', ''))

async function loadPlatforms(db: DbOrTx): Promise<(AdsPlatform & { active: boolean })[]> {
  const rows = await db.select({ id: channels.id, name: channels.name, platform: channels.platform, active: channels.active })
    .from(channels).where(isNotNull(channels.platform)).orderBy(asc(channels.sortOrder), asc(channels.name), asc(channels.id))
  return rows.map(r => ({ ...r, platform: r.platform! }))
}

export async function adsReport(db: DbOrTx, viewer: ReportViewer, q: ReportQuery<'ads'>): Promise<AdsData> {
  const all = await loadPlatforms(db)
  if (q.channelId && !all.some(p => p.id === q.channelId))
    throw validationError(new z.ZodError([{ code: 'custom', path: ['channelId'], message: 'Pilih platform iklan', input: q.channelId }]))
  const inScope = q.channelId ? all.filter(p => p.id === q.channelId) : all
  const ids = inScope.map(p => p.id)
  const byMonth = q.by === 'month'

  // Bucket per row: the Jakarta month, or the campaign key (with a display name).
  const spendBucket = byMonth ? sql<string>`DATE_FORMAT(${adSpend.day}, '%Y-%m')` : campaignKey(adSpend.campaign)
  // The facts keep each spelling of a campaign (trimmed, '' for none): folded lower-cased here. The name is a spelling
  // the period's leads carry, else one their enrolments' leads carry.
  const factsBucket = byMonth ? sql<string>`CONCAT(${facts.month} DIV 100, '-', LPAD(${facts.month} MOD 100, 2, '0'))` : sql<string>`LOWER(${facts.campaign})`
  const factsName = byMonth ? sql<string | null>`NULL` : sql<string | null>`COALESCE(MIN(CASE WHEN ${facts.leads} > 0 THEN ${facts.campaign} END), MIN(${facts.campaign}))`
  const [spent, counted] = await Promise.all([
    // Every channel's spend (the ones without a platform make `otherSpend`).
    db.select({
      channelId: adSpend.channelId, bucket: spendBucket, name: sql<string>`MIN(TRIM(${adSpend.campaign}))`,
      spend: sql<string>`SUM(${adSpend.spend})`, impressions: sql<string>`SUM(${adSpend.impressions})`,
      clicks: sql<string>`SUM(${adSpend.clicks})`, platformLeads: sql<string>`SUM(${adSpend.platformLeads})`,
    }).from(adSpend)
      .where(and(gte(adSpend.day, `${q.from}-01`), lte(adSpend.day, lastDayOfMonth(q.to)), q.channelId ? eq(adSpend.channelId, q.channelId) : undefined))
      .groupBy(adSpend.channelId, spendBucket),
    // The CRM's side (leads, closings, revenue) from the campaign facts: a few hundred rows a year.
    ids.length
      ? db.select({
          channelId: facts.channelId, bucket: factsBucket, name: factsName,
          leads: sql<string>`SUM(${facts.leads})`, closings: sql<string>`SUM(${facts.closings})`, revenue: sql<string>`SUM(${facts.revenue})`,
        }).from(facts)
          .where(and(inArray(facts.channelId, ids), gte(facts.month, yyyymm(q.from)), lte(facts.month, yyyymm(q.to))))
          .groupBy(facts.channelId, factsBucket)
      : [],
  ])

  // One tally per (channel, bucket); a campaign keeps the name ad spend gives it, else the leads'.
  const cells = new Map<string, { channelId: number, bucket: string, name: string | null, tally: Tally }>()
  const cell = (channelId: number, bucket: string, name: string | null) => {
    const key = `${channelId}|${bucket}`
    let c = cells.get(key)
    if (!c) cells.set(key, c = { channelId, bucket, name: null, tally: zero() })
    c.name ??= name || null
    return c.tally
  }
  const platformIds = new Set(ids)
  let otherSpend = 0
  for (const r of spent) {
    if (!platformIds.has(r.channelId)) {
      otherSpend += num(r.spend)
      continue
    }
    add(cell(r.channelId, r.bucket, r.name), { spend: num(r.spend), impressions: num(r.impressions), clicks: num(r.clicks), platformLeads: num(r.platformLeads) })
  }
  for (const r of counted) add(cell(r.channelId, r.bucket, r.name), { leads: num(r.leads), closings: num(r.closings), revenue: num(r.revenue) })

  const money = viewer.money
  const perChannel = new Map(inScope.map(p => [p.id, zero()]))
  for (const c of cells.values()) add(perChannel.get(c.channelId)!, c.tally)
  const totals = [...perChannel.values()].reduce((t, x) => add(t, x), zero())
  const order = new Map(inScope.map((p, i) => [p.id, i]))

  let rows: AdsRow[]
  if (byMonth) {
    const perMonth = new Map(monthsOf(q.from, q.to).map(m => [m, zero()]))
    for (const c of cells.values()) add(perMonth.get(c.bucket) ?? zero(), c.tally)
    rows = [...perMonth].map(([month, t]) => ({ month, ...adsFigures(t, money) }))
  }
  else {
    rows = [...cells.values()]
      .sort((a, b) => order.get(a.channelId)! - order.get(b.channelId)!
        || Number(a.bucket === '') - Number(b.bucket === '')
        || b.tally.spend - a.tally.spend || b.tally.leads - a.tally.leads || a.bucket.localeCompare(b.bucket))
      .map(c => ({ channelId: c.channelId, campaign: c.bucket === '' ? null : c.name ?? c.bucket, ...adsFigures(c.tally, money) }))
  }
  const byPlatform = inScope
    .filter(p => p.active || Object.values(perChannel.get(p.id)!).some(Boolean))
    .map(p => ({ channelId: p.id, ...adsFigures(perChannel.get(p.id)!, money) }))

  return {
    by: q.by,
    platforms: all.filter(p => p.active || p.id === q.channelId).map(({ id, name, platform }) => ({ id, name, platform })),
    rows,
    byPlatform,
    totals: adsFigures(totals, money),
    ...(money && !q.channelId ? { otherSpend } : {}),
  }
}

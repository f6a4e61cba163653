import { and, asc, count, eq, gte, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import type { ReportQuery } from '../../../shared/schemas/reports'
import type { AdsData, AdsFigures, AdsPlatform, AdsRow } from '../../../shared/types/report-ads'
import { percent, perUnit, ratio } from '../../../shared/utils/figures'
import { lastDayOfMonth, monthRange } from '../../../shared/utils/months'
import { adSpend, channels, enrollments, leads } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { validationError } from '../../utils/validation'
import { activeEnrollmentsIn, leadsCreatedIn } from './actuals'
import type { ReportViewer } from './scope'
import { monthsOf } from './target-vs-real'

/**
 * Ads performance: what the ad platforms report (spend, impressions, clicks, their own lead count, from
 * `ad_spend`) next to what reached the CRM (leads created on the channel) and what it earned (active enrolments on
 * the channel: closings and revenue, the definition of `actuals.ts`). Three grouped queries over the period, one
 * per table, merged by (channel, month) or (channel, campaign). A campaign is matched lower-cased and trimmed:
 * ad spend's `campaign` against the lead's `utm_campaign` (for enrolments: their lead's).
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
const campaignKey = (column: SQL | typeof leads.utmCampaign | typeof adSpend.campaign) => sql<string>`COALESCE(LOWER(TRIM(${column})), '')`
const jakartaMonthOf = (column: typeof leads.createdAt | typeof enrollments.enrolledAt) => sql<string>`DATE_FORMAT(${column} + INTERVAL 7 HOUR, '%Y-%m')`

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
  const [start] = monthRange(q.from)
  const [, end] = monthRange(q.to)
  const byMonth = q.by === 'month'

  // Bucket per row: the Jakarta month, or the campaign key (with a display name).
  const spendBucket = byMonth ? sql<string>`DATE_FORMAT(${adSpend.day}, '%Y-%m')` : campaignKey(adSpend.campaign)
  const leadBucket = byMonth ? jakartaMonthOf(leads.createdAt) : campaignKey(leads.utmCampaign)
  const enrolBucket = byMonth ? jakartaMonthOf(enrollments.enrolledAt) : campaignKey(leads.utmCampaign)
  // A campaign's name as the leads carry it; per month there is none to read, so the leads are counted from the
  // index alone (reading `utm_campaign` would fetch every row).
  const leadCampaign = byMonth ? sql<string | null>`NULL` : sql<string | null>`MIN(TRIM(${leads.utmCampaign}))`
  const [spent, created, enrolled] = await Promise.all([
    // Every channel's spend (the ones without a platform make `otherSpend`).
    db.select({
      channelId: adSpend.channelId, bucket: spendBucket, name: sql<string>`MIN(TRIM(${adSpend.campaign}))`,
      spend: sql<string>`SUM(${adSpend.spend})`, impressions: sql<string>`SUM(${adSpend.impressions})`,
      clicks: sql<string>`SUM(${adSpend.clicks})`, platformLeads: sql<string>`SUM(${adSpend.platformLeads})`,
    }).from(adSpend)
      .where(and(gte(adSpend.day, `${q.from}-01`), lte(adSpend.day, lastDayOfMonth(q.to)), q.channelId ? eq(adSpend.channelId, q.channelId) : undefined))
      .groupBy(adSpend.channelId, spendBucket),
    ids.length
      ? db.select({ channelId: leads.channelId, bucket: leadBucket, name: leadCampaign, n: count() })
          // Only the ads channels' stretch of (channel, live, created): left alone, the optimizer scans every
          // channel's leads of the period on the cube index (twice the entries at 1M leads).
          .from(leads, { forceIndex: 'leads_channel_created_idx' }).where(and(leadsCreatedIn(start, end), inArray(leads.channelId, ids)))
          .groupBy(leads.channelId, leadBucket)
      : [],
    ids.length
      ? (byMonth
          ? db.select({ channelId: enrollments.channelId, bucket: enrolBucket, name: sql<string>`NULL`, n: count(), amount: sql<string>`SUM(${enrollments.amount})` })
              .from(enrollments).where(and(activeEnrollmentsIn(start, end), inArray(enrollments.channelId, ids)))
              .groupBy(enrollments.channelId, enrolBucket)
          : db.select({ channelId: enrollments.channelId, bucket: enrolBucket, name: sql<string>`MIN(TRIM(${leads.utmCampaign}))`, n: count(), amount: sql<string>`SUM(${enrollments.amount})` })
              .from(enrollments).innerJoin(leads, eq(leads.id, enrollments.leadId))
              .where(and(activeEnrollmentsIn(start, end), inArray(enrollments.channelId, ids)))
              .groupBy(enrollments.channelId, enrolBucket))
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
  for (const r of created) add(cell(r.channelId!, r.bucket, r.name), { leads: num(r.n) })
  for (const r of enrolled) add(cell(r.channelId!, r.bucket, r.name), { closings: num(r.n), revenue: num(r.amount) })

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

/**
 * GET /api/reports/ads: the paid channels (those with an ad `platform`: TikTok, Instagram and Meta Ads) over a
 * period, per month or per campaign. The money figures (`spend` … `roas`) are left out for Admin.
 */
export type AdsGrouping = 'month' | 'campaign'

export interface AdsFigures {
  impressions: number
  clicks: number
  /** clicks / impressions × 100, one decimal. */
  ctr: number | null
  /** What the ad platform reported (`ad_spend.platform_leads`). */
  platformLeads: number
  /** Leads that reached the CRM: created in the period on the channel (per campaign: with that utm_campaign). */
  leads: number
  /** Active enrolments of the period on the channel (per campaign: whose lead carries that utm_campaign). */
  closings: number
  spend?: number
  /** spend / clicks, whole Rupiah. */
  cpc?: number | null
  /** spend / CRM leads, whole Rupiah. */
  cpl?: number | null
  /** spend / closings, whole Rupiah. */
  costPerClosing?: number | null
  /** The closings' amounts. */
  revenue?: number
  /** revenue / spend, two decimals. */
  roas?: number | null
}

/** An ads channel, as the rows and the platform filter name it. */
export interface AdsPlatform { id: number, name: string, platform: string }

export interface AdsRow extends AdsFigures {
  /** by=month: the Jakarta month 'YYYY-MM'. */
  month?: string
  /** by=campaign (and the per-platform rows): the ads channel. */
  channelId?: number
  /** by=campaign: the campaign as entered in ad spend (or as the leads carry it); null for leads without one. */
  campaign?: string | null
}

export interface AdsData {
  by: AdsGrouping
  /** The ads channels, in menu order (the platform filter lists these). */
  platforms: AdsPlatform[]
  /** by=month: every month of the period; by=campaign: every campaign with spend, leads or closings. */
  rows: AdsRow[]
  /** The period per platform (the platforms in the filter). */
  byPlatform: AdsRow[]
  totals: AdsFigures
  /** Spend entered for channels without a platform ('Lainnya') in the period: not in the figures above. Money only. */
  otherSpend?: number
}

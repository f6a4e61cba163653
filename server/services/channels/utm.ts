import { asc, desc } from 'drizzle-orm'
import type { UtmField } from '../../../shared/enums/catalog'
import { normalizeUtmValue } from '../../../shared/utils/utm'
import { channelAliases, channels } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'

export { normalizeUtmValue }

/** Where UTM values no alias maps end up, until someone maps them (see the unmapped list). */
export const OTHER_CHANNEL_CODE = 'other'
/** Where a social network's own traffic goes when it carries no paid medium. */
export const ORGANIC_SOCIAL_CODE = 'organic_social'

/**
 * Sources that are both an ad platform and a place people post for free. Their alias points at
 * the ads channel, but only a paid medium makes a lead an ad lead; otherwise it is organic social.
 * TikTok is not here on purpose: the school tags only its TikTok ads with UTM values.
 */
export const SOCIAL_SOURCES: ReadonlySet<string> = new Set([
  'fb', 'facebook', 'facebook.com', 'm.facebook.com', 'l.facebook.com', 'lm.facebook.com',
  'ig', 'instagram', 'instagram.com', 'l.instagram.com',
])

const PAID_WORDS = new Set(['cpc', 'ppc', 'cpm', 'cpa', 'cpv', 'cpl', 'paid', 'paidsocial', 'paidsearch', 'ads', 'ad', 'sponsored', 'boost', 'boosted', 'display', 'retargeting', 'remarketing'])

/** `cpc`, `paid_social`, `Paid Social`, `ads`, `fb ads`, `cpm` ... are paid; `organic`, `social`, `bio`, none are not. */
export function isPaidMedium(medium: string | null | undefined): boolean {
  const value = normalizeUtmValue(medium)
  return !!value && value.split(' ').some(word => PAID_WORDS.has(word))
}

export interface UtmInput {
  utmSource?: string | null
  utmMedium?: string | null
  utmCampaign?: string | null
}

interface AliasTarget { channelId: number, ads: boolean }

export interface UtmRules {
  otherId: number
  organicSocialId: number | null
  aliases: Record<UtmField, Map<string, AliasTarget>>
}

/** Aliases of active channels, keyed by normalised value. */
export async function loadUtmRules(db: DbOrTx): Promise<UtmRules> {
  const [channelRows, aliasRows] = await Promise.all([
    db.select({ id: channels.id, code: channels.code, sourceType: channels.sourceType, active: channels.active }).from(channels),
    db.select({ channelId: channelAliases.channelId, field: channelAliases.field, value: channelAliases.value })
      .from(channelAliases).orderBy(desc(channelAliases.priority), asc(channelAliases.id)),
  ])
  const other = channelRows.find(c => c.code === OTHER_CHANNEL_CODE)
  if (!other) throw new Error(`the '${OTHER_CHANNEL_CODE}' channel is missing: run the base seed (npm run db:setup)`)
  const organic = channelRows.find(c => c.code === ORGANIC_SOCIAL_CODE && c.active)
  const byId = new Map(channelRows.map(c => [c.id, c]))
  const aliases: UtmRules['aliases'] = { source: new Map(), medium: new Map(), campaign: new Map() }
  for (const row of aliasRows) {
    const channel = byId.get(row.channelId)
    const key = normalizeUtmValue(row.value)
    // An inactive channel takes no new leads; the first alias of a spelling wins (priority, then age).
    if (!channel?.active || !key || aliases[row.field].has(key)) continue
    aliases[row.field].set(key, { channelId: channel.id, ads: channel.sourceType === 'ads' })
  }
  return { otherId: other.id, organicSocialId: organic?.id ?? null, aliases }
}

/**
 * The channel for a lead's raw UTM values: an alias on the source first, then on the campaign,
 * then on the medium; nothing matched is the 'other' channel. Pure: the rules come loaded.
 */
export function resolveWithRules(rules: UtmRules, utm: UtmInput): number {
  const source = normalizeUtmValue(utm.utmSource)
  const bySource = source ? rules.aliases.source.get(source) : undefined
  if (bySource) {
    if (bySource.ads && SOCIAL_SOURCES.has(source!) && !isPaidMedium(utm.utmMedium)) return rules.organicSocialId ?? rules.otherId
    return bySource.channelId
  }
  const campaign = normalizeUtmValue(utm.utmCampaign)
  const byCampaign = campaign ? rules.aliases.campaign.get(campaign) : undefined
  if (byCampaign) return byCampaign.channelId
  const medium = normalizeUtmValue(utm.utmMedium)
  const byMedium = medium ? rules.aliases.medium.get(medium) : undefined
  return byMedium?.channelId ?? rules.otherId
}

/**
 * Rules are cached per database handle for a few seconds: intake may resolve many leads a second.
 * A change made through this process clears the cache at once; other instances see it within TTL_MS.
 */
const TTL_MS = 5_000
const cache = new WeakMap<object, { at: number, generation: number, rules: Promise<UtmRules> }>()
let generation = 0

export function invalidateUtmRules(): void {
  generation++
}

function cachedRules(db: DbOrTx): Promise<UtmRules> {
  const hit = cache.get(db)
  if (hit && hit.generation === generation && Date.now() - hit.at < TTL_MS) return hit.rules
  const rules = loadUtmRules(db)
  cache.set(db, { at: Date.now(), generation, rules })
  rules.catch(() => cache.delete(db))
  return rules
}

/** The channel id for a lead's raw UTM values. The values themselves are not changed: store them as they came. */
export async function resolveChannel(db: DbOrTx, utm: UtmInput): Promise<number> {
  return resolveWithRules(await cachedRules(db), utm)
}

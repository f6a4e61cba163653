import { describe, expect, it } from 'vitest'
import { aliasCreateSchema } from '#shared/schemas/channels'
import { normalizeUtmValue } from '#shared/utils/utm'
import { isPaidMedium, resolveWithRules, type UtmRules } from '../../server/services/channels/utm'

describe('normalizeUtmValue', () => {
  it('gives every spelling of a value one form', () => {
    for (const raw of ['TikTok Ads', 'tiktok_ads', 'tiktok-ads', 'TIKTOK ADS', '  tiktok   ads ', 'tiktok+ads', 'tiktok%20ads', 'tiktok__-ads', 'Tiktok\tAds'])
      expect(normalizeUtmValue(raw), raw).toBe('tiktok ads')
  })

  it('keeps dots and other characters that change the meaning', () => {
    expect(normalizeUtmValue('Instagram.com')).toBe('instagram.com')
    expect(normalizeUtmValue('promo/utbk#1')).toBe('promo/utbk#1')
    expect(normalizeUtmValue('tiktokads')).toBe('tiktokads')
  })

  it('turns nothing into null', () => {
    expect(normalizeUtmValue(null)).toBeNull()
    expect(normalizeUtmValue(undefined)).toBeNull()
    expect(normalizeUtmValue('')).toBeNull()
    expect(normalizeUtmValue(' _-_ ')).toBeNull()
  })

  it('folds compatibility characters and survives a stray percent sign', () => {
    expect(normalizeUtmValue('ＴｉｋＴｏｋ')).toBe('tiktok')
    expect(normalizeUtmValue('diskon 50%')).toBe('diskon 50%')
    expect(normalizeUtmValue('100%25 gratis')).toBe('100% gratis')
    expect(normalizeUtmValue('%E0%A4%A')).toBe('%e0%a4%a')
  })

  it('is what the alias schema stores', () => {
    expect(aliasCreateSchema.parse({ field: 'source', value: ' TikTok_Ads ' })).toEqual({ field: 'source', value: 'tiktok ads' })
    expect(aliasCreateSchema.safeParse({ field: 'source', value: ' - ' }).success).toBe(false)
    expect(aliasCreateSchema.safeParse({ field: 'term', value: 'x' }).success).toBe(false)
  })
})

describe('isPaidMedium', () => {
  it('recognises paid mediums however they are written', () => {
    for (const m of ['cpc', 'CPC', 'ppc', 'paid', 'paid_social', 'Paid Social', 'paid-search', 'ads', 'cpm', 'fb ads', 'sponsored', 'social_paid'])
      expect(isPaidMedium(m), m).toBe(true)
  })

  it('treats organic, social and nothing as not paid', () => {
    for (const m of ['organic', 'social', 'bio', 'referral', 'broadcast', '', null, undefined])
      expect(isPaidMedium(m), String(m)).toBe(false)
  })
})

describe('resolveWithRules', () => {
  const ids = { other: 1, tiktok: 2, instagram: 3, meta: 4, organic: 5, website: 6, referral: 7, event: 8 }
  const ads = (channelId: number) => ({ channelId, ads: true })
  const plain = (channelId: number) => ({ channelId, ads: false })
  const rules: UtmRules = {
    otherId: ids.other,
    organicSocialId: ids.organic,
    aliases: {
      source: new Map([['tiktok', ads(ids.tiktok)], ['tt', ads(ids.tiktok)], ['tiktok ads', ads(ids.tiktok)], ['ig', ads(ids.instagram)], ['instagram', ads(ids.instagram)], ['fb', ads(ids.meta)], ['facebook', ads(ids.meta)], ['google', plain(ids.website)]]),
      medium: new Map([['organic', plain(ids.website)], ['referral', plain(ids.referral)]]),
      campaign: new Map([['open house', plain(ids.event)]]),
    },
  }
  const resolve = (utmSource: string | null, utmMedium: string | null = null, utmCampaign: string | null = null) => resolveWithRules(rules, { utmSource, utmMedium, utmCampaign })

  it('maps TikTok in any spelling, with or without a medium', () => {
    for (const s of ['tiktok', 'TikTok', 'tt', 'TikTok Ads', 'tiktok_ads', 'tiktok-ads']) expect(resolve(s), s).toBe(ids.tiktok)
    expect(resolve('tiktok', 'organic')).toBe(ids.tiktok)
  })

  it('sends Facebook and Instagram to the ads channels only with a paid medium', () => {
    expect(resolve('fb', 'cpc')).toBe(ids.meta)
    expect(resolve('Facebook', 'paid_social')).toBe(ids.meta)
    expect(resolve('ig', 'ads')).toBe(ids.instagram)
    expect(resolve('Instagram', 'CPM')).toBe(ids.instagram)
    for (const medium of [null, 'organic', 'social', 'bio']) {
      expect(resolve('ig', medium), `ig/${medium}`).toBe(ids.organic)
      expect(resolve('instagram', medium), `instagram/${medium}`).toBe(ids.organic)
      expect(resolve('fb', medium), `fb/${medium}`).toBe(ids.organic)
    }
  })

  it('falls back to Other when there is no organic social channel', () => {
    expect(resolveWithRules({ ...rules, organicSocialId: null }, { utmSource: 'ig' })).toBe(ids.other)
  })

  it('tries the source, then the campaign, then the medium', () => {
    expect(resolve('google', 'referral', 'Open House')).toBe(ids.website)
    expect(resolve('unknown', 'referral', 'open_house')).toBe(ids.event)
    expect(resolve('unknown', 'Referral')).toBe(ids.referral)
    expect(resolve(null, 'organic')).toBe(ids.website)
  })

  it('puts anything unmatched on Other, and does not touch the input', () => {
    const input = { utmSource: ' Brosur ', utmMedium: 'Cetak', utmCampaign: null }
    expect(resolveWithRules(rules, input)).toBe(ids.other)
    expect(input).toEqual({ utmSource: ' Brosur ', utmMedium: 'Cetak', utmCampaign: null })
    expect(resolve(null)).toBe(ids.other)
  })
})

import { and, desc, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLogs, channelAliases, leads } from '../../server/db/schema'
import { invalidateUtmRules, normalizeUtmValue, resolveChannel } from '../../server/services/channels/utm'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

const { db, pool } = testDb()
const helpers = catalogHelpers(db)
const { channelId } = helpers
/** Leads a test inserts are removed afterwards, so counts in other test files stay their own. */
const inserted: number[] = []
const insertLead: typeof helpers.insertLead = async (fields) => {
  const id = await helpers.insertLead(fields)
  inserted.push(id)
  return id
}
afterAll(async () => {
  if (inserted.length) await db.delete(leads).where(inArray(leads.id, inserted))
  await pool.end()
})

let owner: string
let manager: string
let admin: string
let sales: string
const ch: Record<string, number> = {}
beforeAll(async () => {
  owner = await login('owner@demo.test')
  manager = await login('manager@demo.test')
  admin = await login('admin@demo.test')
  sales = await login('sales@demo.test')
  for (const code of ['tiktok_ads', 'instagram_ads', 'meta_ads', 'organic_social', 'website', 'referral', 'school_event', 'whatsapp', 'other']) ch[code] = await channelId(code)
})

/** The test process caches rules like the server does; changes go through the server, so read afresh. */
const resolve = (utmSource: string | null, utmMedium: string | null = null, utmCampaign: string | null = null) => {
  invalidateUtmRules()
  return resolveChannel(db, { utmSource, utmMedium, utmCampaign })
}

const norm = (value: string) => normalizeUtmValue(value)!
let seq = 0
const tag = () => `${Date.now().toString(36)}${++seq}`

describe('resolveChannel against the database', () => {
  it('maps TikTok in every spelling the issue names', async () => {
    for (const s of ['tiktok', 'TikTok', 'tt', 'TikTok Ads', 'tiktok_ads', 'tiktok-ads', ' TIKTOK '])
      expect(await resolve(s, 'paid_social'), s).toBe(ch.tiktok_ads)
    expect(await resolve('tiktok')).toBe(ch.tiktok_ads)
  })

  it('sends fb/facebook to Meta Ads and ig/instagram to Instagram Ads with a paid medium', async () => {
    for (const medium of ['cpc', 'ppc', 'paid', 'paid_social', 'Paid-Social', 'ads', 'cpm']) {
      expect(await resolve('fb', medium), `fb/${medium}`).toBe(ch.meta_ads)
      expect(await resolve('Facebook', medium), `facebook/${medium}`).toBe(ch.meta_ads)
      expect(await resolve('ig', medium), `ig/${medium}`).toBe(ch.instagram_ads)
      expect(await resolve('Instagram', medium), `instagram/${medium}`).toBe(ch.instagram_ads)
    }
  })

  it('sends ig, instagram and fb with an organic or missing medium to organic social', async () => {
    for (const medium of [null, 'organic', 'social', 'bio']) {
      for (const source of ['ig', 'instagram', 'fb', 'IG'])
        expect(await resolve(source, medium), `${source}/${medium}`).toBe(ch.organic_social)
    }
  })

  it('tries the source, then the campaign, then the medium; anything else is Other', async () => {
    const campaign = `open-house-${tag()}`
    expect((await call('POST', `/api/channels/${ch.school_event}/aliases`, { token: owner, body: { field: 'campaign', value: campaign } })).status).toBe(201)
    expect(await resolve('google', 'referral', campaign)).toBe(ch.website)
    expect(await resolve('koran', 'referral', campaign.toUpperCase())).toBe(ch.school_event)
    expect(await resolve('koran', 'Referral')).toBe(ch.referral)
    expect(await resolve('koran', 'cetak', 'brosur')).toBe(ch.other)
    expect(await resolve(null, null, null)).toBe(ch.other)
  })

  it('ignores the aliases of an inactive channel', async () => {
    const { body: channel } = await call('POST', '/api/channels', { token: owner, body: { name: `Spanduk ${tag()}`, sourceType: 'event' } })
    const value = `spanduk-${tag()}`
    await call('POST', `/api/channels/${channel.id}/aliases`, { token: owner, body: { field: 'source', value } })
    expect(await resolve(value)).toBe(channel.id)
    await call('PATCH', `/api/channels/${channel.id}`, { token: owner, body: { active: false } })
    expect(await resolve(value)).toBe(ch.other)
  })
})

describe('unmapped UTM values', () => {
  const source = `Sekolahku-${tag()}.id`
  const medium = `brosur-${tag()}`
  const ids: Record<string, number> = {}
  beforeAll(async () => {
    ids.a = await insertLead({ channelId: ch.other, utmSource: source, utmMedium: 'cpc' })
    ids.b = await insertLead({ channelId: ch.other, utmSource: source.toLowerCase(), utmMedium: 'cpc' })
    ids.c = await insertLead({ channelId: ch.other, utmSource: ` ${source.toUpperCase().replace('-', '_')}` })
    ids.trashed = await insertLead({ channelId: ch.other, utmSource: source, deletedAt: new Date() })
    ids.mediumOnly = await insertLead({ channelId: ch.other, utmSource: `tidak-dikenal-${tag()}`, utmMedium: medium })
    ids.otherChannel = await insertLead({ channelId: ch.website, utmSource: source })
    ids.noUtm = await insertLead({ channelId: ch.other })
  })

  it('lists values per field with live lead counts, most leads first', async () => {
    const res = await call('GET', '/api/channels/unmapped', { token: manager })
    expect(res.status).toBe(200)
    expect(res.body.otherChannelId).toBe(ch.other)
    const bySource = res.body.items.find((i: any) => i.field === 'source' && i.value === norm(source))
    expect(bySource).toMatchObject({ leads: 3, aliasChannelId: null })
    expect(bySource.spellings.length).toBeGreaterThanOrEqual(1)
    expect(res.body.items.find((i: any) => i.field === 'medium' && i.value === norm(medium))).toMatchObject({ leads: 1 })
    expect(res.body.items.find((i: any) => i.field === 'medium' && i.value === 'cpc')?.leads).toBeGreaterThanOrEqual(2)
    const counts = res.body.items.map((i: any) => i.leads)
    expect(counts).toEqual([...counts].sort((x: number, y: number) => y - x))
    const limited = await call('GET', '/api/channels/unmapped?limit=1', { token: manager })
    expect(limited.body.items).toHaveLength(1)
    expect(limited.body.truncated).toBe(true)
    expect((await call('GET', '/api/channels/unmapped?limit=0', { token: manager })).status).toBe(400)
  })

  it('is for Owner and Manager only', async () => {
    for (const token of [admin, sales]) {
      expect((await call('GET', '/api/channels/unmapped', { token })).status).toBe(403)
      expect((await call('POST', '/api/channels/unmapped/map', { token, body: { field: 'source', value: source, channelId: ch.school_event } })).status).toBe(403)
    }
    expect((await db.select().from(leads).where(eq(leads.id, ids.a!)))[0]!.channelId).toBe(ch.other)
  })

  it('rejects bad mapping requests and writes nothing', async () => {
    const before = await db.$count(channelAliases)
    const bad = await call('POST', '/api/channels/unmapped/map', { token: manager, body: { field: 'content', value: '', channelId: 'x' } })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.data.fieldErrors).sort()).toEqual(['channelId', 'field', 'value'])
    expect((await call('POST', '/api/channels/unmapped/map', { token: manager, body: { field: 'source', value: source, channelId: 999999 } })).status).toBe(404)
    const toOther = await call('POST', '/api/channels/unmapped/map', { token: manager, body: { field: 'source', value: source, channelId: ch.other } })
    expect(toOther.status).toBe(400)
    expect(toOther.body.data.fieldErrors.channelId).toBeDefined()
    const taken = await call('POST', '/api/channels/unmapped/map', { token: manager, body: { field: 'source', value: 'TT', channelId: ch.school_event } })
    expect(taken.status).toBe(409)
    expect(await db.$count(channelAliases)).toBe(before)
    expect((await db.select().from(leads).where(eq(leads.id, ids.a!)))[0]!.channelId).toBe(ch.other)
  })

  it('maps a value with one request: the alias, the past leads, one audit entry', async () => {
    const before = await db.select().from(leads).where(inArray(leads.id, Object.values(ids)))
    const res = await call('POST', '/api/channels/unmapped/map', { token: manager, body: { field: 'source', value: source, channelId: ch.school_event } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ created: true, remapped: 4, alias: { channelId: ch.school_event, field: 'source', value: norm(source) } })

    const after = new Map((await db.select().from(leads).where(inArray(leads.id, Object.values(ids)))).map(l => [l.id, l]))
    for (const key of ['a', 'b', 'c', 'trashed']) expect(after.get(ids[key]!)!.channelId, key).toBe(ch.school_event)
    expect(after.get(ids.mediumOnly!)!.channelId).toBe(ch.other)
    expect(after.get(ids.otherChannel!)!.channelId).toBe(ch.website)
    expect(after.get(ids.noUtm!)!.channelId).toBe(ch.other)
    // The raw values stay as they came, and the remap is not an edit of the lead.
    for (const lead of before) {
      expect(after.get(lead.id)!.utmSource).toBe(lead.utmSource)
      expect(after.get(lead.id)!.utmMedium).toBe(lead.utmMedium)
      expect(after.get(lead.id)!.updatedAt.getTime()).toBe(lead.updatedAt.getTime())
    }

    const entries = await db.select().from(auditLogs).where(and(eq(auditLogs.action, 'map_utm'), eq(auditLogs.entityId, String(res.body.alias.id)))).orderBy(desc(auditLogs.id))
    expect(entries).toHaveLength(1)
    expect(entries[0]!.after).toMatchObject({ channelId: ch.school_event, field: 'source', remapped: 4, aliasCreated: true })

    const list = (await call('GET', '/api/channels/unmapped', { token: manager })).body.items
    expect(list.find((i: any) => i.field === 'source' && i.value === norm(source))).toBeUndefined()
    expect(await resolve(source)).toBe(ch.school_event)
  })

  it('maps the same value to the same channel again without a new alias; another channel is 409', async () => {
    const late = await insertLead({ channelId: ch.other, utmSource: source })
    const again = await call('POST', '/api/channels/unmapped/map', { token: owner, body: { field: 'source', value: source, channelId: ch.school_event } })
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ created: false, remapped: 1 })
    expect((await db.select().from(leads).where(eq(leads.id, late)))[0]!.channelId).toBe(ch.school_event)
    expect((await call('POST', '/api/channels/unmapped/map', { token: owner, body: { field: 'source', value: source, channelId: ch.whatsapp } })).status).toBe(409)
  })

  it('remaps only the leads that now resolve to the chosen channel', async () => {
    // A lead whose source gained an alias to another channel after it arrived: the source still wins.
    const src = `majalah-${tag()}`
    const med = `selebaran-${tag()}`
    const viaMedium = await insertLead({ channelId: ch.other, utmSource: `entah-${tag()}`, utmMedium: med })
    const sourceWins = await insertLead({ channelId: ch.other, utmSource: src, utmMedium: med })
    expect((await call('POST', `/api/channels/${ch.whatsapp}/aliases`, { token: owner, body: { field: 'source', value: src } })).status).toBe(201)
    const res = await call('POST', '/api/channels/unmapped/map', { token: owner, body: { field: 'medium', value: med, channelId: ch.referral } })
    expect(res.body.remapped).toBe(1)
    expect((await db.select().from(leads).where(eq(leads.id, viaMedium)))[0]!.channelId).toBe(ch.referral)
    expect((await db.select().from(leads).where(eq(leads.id, sourceWins)))[0]!.channelId).toBe(ch.other)
    // The unmapped list says which channel that source already belongs to.
    const item = (await call('GET', '/api/channels/unmapped', { token: owner })).body.items.find((i: any) => i.field === 'source' && i.value === norm(src))
    expect(item).toMatchObject({ leads: 1, aliasChannelId: ch.whatsapp })
  })

  it('refuses an inactive channel', async () => {
    const { body: channel } = await call('POST', '/api/channels', { token: owner, body: { name: `Radio ${tag()}`, sourceType: 'ads' } })
    await call('PATCH', `/api/channels/${channel.id}`, { token: owner, body: { active: false } })
    const res = await call('POST', '/api/channels/unmapped/map', { token: owner, body: { field: 'medium', value: 'radio', channelId: channel.id } })
    expect(res.status).toBe(400)
    expect(res.body.data.fieldErrors.channelId).toBeDefined()
  })
})

import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adSpend, auditLogs, channels } from '../../server/db/schema'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

const { db, pool } = testDb()
afterAll(() => pool.end())

const token: Record<string, string> = {}
const channel: Record<string, number> = {}
const row = (over: Record<string, unknown> = {}) => ({ day: '2026-09-14', channelId: channel.tiktok_ads, campaign: 'UTBK Sept', spend: 1_250_000, impressions: 80_000, clicks: 1_200, platformLeads: 21, ...over })

beforeAll(async () => {
  for (const name of ['owner', 'manager', 'admin', 'sales']) token[name] = await login(`${name}@demo.test`)
  for (const c of await db.select().from(channels)) channel[c.code] = c.id
})

describe('ad spend', () => {
  it('is for Owner and Manager only', async () => {
    for (const who of ['sales', 'admin']) {
      expect((await call('GET', '/api/ad-spend', { token: token[who] })).status).toBe(403)
      expect((await call('POST', '/api/ad-spend', { token: token[who], body: row() })).status).toBe(403)
      expect((await call('PATCH', '/api/ad-spend/1', { token: token[who], body: { spend: 1 } })).status).toBe(403)
      expect((await call('DELETE', '/api/ad-spend/1', { token: token[who] })).status).toBe(403)
    }
  })

  it('adds rows and totals the Jakarta month exactly, filtered by platform and campaign', async () => {
    const a = await call('POST', '/api/ad-spend', { token: token.manager, body: row({ campaign: '  UTBK Sept  ' }) })
    expect(a.status).toBe(201)
    expect(a.body).toMatchObject({ day: '2026-09-14', channel: { id: channel.tiktok_ads, name: 'TikTok Ads' }, campaign: 'UTBK Sept', spend: 1_250_000 })
    expect((await call('POST', '/api/ad-spend', { token: token.owner, body: row({ day: '2026-09-30', channelId: channel.meta_ads, campaign: 'SD Reguler', spend: 750_000, impressions: 20_000, clicks: 300, platformLeads: 4 }) })).status).toBe(201)
    expect((await call('POST', '/api/ad-spend', { token: token.owner, body: row({ day: '2026-09-01', channelId: channel.other, campaign: 'Google Ads', spend: 100_000, impressions: 1_000, clicks: 10, platformLeads: 0 }) })).status).toBe(201)
    expect((await call('POST', '/api/ad-spend', { token: token.owner, body: row({ day: '2026-10-01', spend: 999_000 }) })).status).toBe(201)

    const sept = await call('GET', '/api/ad-spend?month=2026-09', { token: token.manager })
    expect(sept.status).toBe(200)
    expect(sept.body.totals).toEqual({ rows: 3, spend: 2_100_000, impressions: 101_000, clicks: 1_510, platformLeads: 25 })
    expect(sept.body.items.map((r: any) => r.day)).toEqual(['2026-09-30', '2026-09-14', '2026-09-01'])
    expect(sept.body.platforms.map((p: any) => p.name)).toEqual(['TikTok Ads', 'Instagram Ads', 'Meta Ads', 'Lainnya'])

    const tiktok = await call('GET', `/api/ad-spend?month=2026-09&channelId=${channel.tiktok_ads}`, { token: token.manager })
    expect(tiktok.body.totals).toMatchObject({ rows: 1, spend: 1_250_000 })
    const campaign = await call('GET', '/api/ad-spend?month=2026-09&campaign=reguler', { token: token.manager })
    expect(campaign.body.items.map((r: any) => r.campaign)).toEqual(['SD Reguler'])
    expect((await call('GET', '/api/ad-spend?month=2026-10', { token: token.manager })).body.totals).toMatchObject({ rows: 1, spend: 999_000 })
  })

  it('refuses bad input with field errors, a non-ads platform and a second row for the same day, platform and campaign', async () => {
    const before = await db.$count(adSpend)
    const bad = await call('POST', '/api/ad-spend', { token: token.manager, body: { day: '2026-02-30', channelId: 0, campaign: ' ', spend: -1, impressions: 1.5, clicks: 'x' } })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.data.fieldErrors).sort()).toEqual(['campaign', 'channelId', 'clicks', 'day', 'impressions', 'platformLeads', 'spend'])
    const referral = await call('POST', '/api/ad-spend', { token: token.manager, body: row({ channelId: channel.referral }) })
    expect(referral.status).toBe(400)
    expect(referral.body.data.fieldErrors.channelId).toBeDefined()
    const dupe = await call('POST', '/api/ad-spend', { token: token.manager, body: row() })
    expect(dupe.status).toBe(409)
    expect(dupe.body.data.fieldErrors.campaign).toBeDefined()
    expect(await db.$count(adSpend)).toBe(before)
  })

  it('edits and deletes a row, audited', async () => {
    const { body: created } = await call('POST', '/api/ad-spend', { token: token.manager, body: row({ day: '2026-08-03', campaign: 'Edit Saya' }) })
    const edited = await call('PATCH', `/api/ad-spend/${created.id}`, { token: token.manager, body: { spend: 2_000_000, clicks: 1_500 } })
    expect(edited.status).toBe(200)
    expect(edited.body).toMatchObject({ spend: 2_000_000, clicks: 1_500, impressions: 80_000 })
    expect((await call('PATCH', `/api/ad-spend/${created.id}`, { token: token.manager, body: { spend: -2 } })).status).toBe(400)
    expect((await call('GET', '/api/ad-spend?month=2026-08', { token: token.manager })).body.totals.spend).toBe(2_000_000)

    const removed = await call('DELETE', `/api/ad-spend/${created.id}`, { token: token.owner })
    expect(removed.status).toBe(204)
    expect((await call('DELETE', `/api/ad-spend/${created.id}`, { token: token.owner })).status).toBe(404)
    expect((await call('GET', '/api/ad-spend?month=2026-08', { token: token.manager })).body.totals.rows).toBe(0)
    const actions = (await db.select().from(auditLogs).where(and(eq(auditLogs.entity, 'ad_spend'), eq(auditLogs.entityId, String(created.id))))).map(a => a.action)
    expect(actions).toEqual(['create', 'update', 'delete'])
  })
})

import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { channelAliases, channels } from '../../server/db/schema'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

const { db, pool } = testDb()
const { channelId, lastAudit } = catalogHelpers(db)
afterAll(() => pool.end())

let owner: string
let manager: string
let admin: string
let sales: string
beforeAll(async () => {
  owner = await login('owner@demo.test')
  manager = await login('manager@demo.test')
  admin = await login('admin@demo.test')
  sales = await login('sales@demo.test')
})

let seq = 0
const unique = (tag: string) => `${tag} ${Date.now().toString(36)}${++seq}`

/** Channels a test adds are switched off afterwards, so other test files see the base channels. */
const made: number[] = []
afterAll(async () => {
  if (made.length) await db.update(channels).set({ active: false }).where(inArray(channels.id, made))
})

async function createChannel(body: Record<string, unknown> = {}) {
  const res = await call('POST', '/api/channels', { token: manager, body: { name: unique('YouTube Ads'), sourceType: 'ads', platform: 'youtube', ...body } })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  made.push(res.body.id)
  return res.body
}

describe('reading channels', () => {
  it('every role reads the channels, Other last', async () => {
    for (const token of [owner, manager, admin, sales]) {
      const res = await call('GET', '/api/channels', { token })
      expect(res.status).toBe(200)
      expect(res.body.at(-1).code).toBe('other')
      expect(res.body.map((c: any) => c.code)).toEqual(expect.arrayContaining(['tiktok_ads', 'instagram_ads', 'meta_ads', 'organic_social']))
    }
    expect((await call('GET', '/api/channels')).status).toBe(401)
  })

  it('aliases are for Owner and Manager', async () => {
    const res = await call('GET', '/api/channels/aliases', { token: manager })
    expect(res.status).toBe(200)
    const tiktok = await channelId('tiktok_ads')
    expect(res.body.filter((a: any) => a.channelId === tiktok).map((a: any) => a.value)).toEqual(expect.arrayContaining(['tiktok', 'tt']))
    expect((await call('GET', '/api/channels/aliases', { token: admin })).status).toBe(403)
    expect((await call('GET', '/api/channels/aliases', { token: sales })).status).toBe(403)
  })
})

describe('who may change channels', () => {
  it('Admin and Sales/CS get 403 on every write, and nothing changes', async () => {
    const tiktok = await channelId('tiktok_ads')
    const [alias] = await db.select().from(channelAliases).where(eq(channelAliases.channelId, tiktok)).limit(1)
    const [channelsBefore, aliasesBefore] = [await db.$count(channels), await db.$count(channelAliases)]
    for (const token of [admin, sales]) {
      expect((await call('POST', '/api/channels', { token, body: { name: 'Diam-diam', sourceType: 'ads' } })).status).toBe(403)
      expect((await call('PATCH', `/api/channels/${tiktok}`, { token, body: { name: 'Diubah' } })).status).toBe(403)
      expect((await call('POST', `/api/channels/${tiktok}/aliases`, { token, body: { field: 'source', value: 'diam' } })).status).toBe(403)
      expect((await call('DELETE', `/api/channels/aliases/${alias!.id}`, { token })).status).toBe(403)
    }
    expect(await db.$count(channels)).toBe(channelsBefore)
    expect(await db.$count(channelAliases)).toBe(aliasesBefore)
  })
})

describe('creating and editing channels', () => {
  it('rejects bad input with field errors and writes nothing', async () => {
    const before = await db.$count(channels)
    const res = await call('POST', '/api/channels', { token: owner, body: { name: 'Y', sourceType: 'tv', platform: 'You Tube!' } })
    expect(res.status).toBe(400)
    expect(Object.keys(res.body.data.fieldErrors).sort()).toEqual(['name', 'platform', 'sourceType'])
    expect(await db.$count(channels)).toBe(before)
  })

  it('adds a channel with a code, before Other, audited', async () => {
    const name = unique('Brosur Sekolah')
    const created = await createChannel({ name, sourceType: 'event', platform: '' })
    expect(created).toMatchObject({ name, sourceType: 'event', platform: null, active: true })
    expect(created.code).toMatch(/^brosur_sekolah_/)
    const list = (await call('GET', '/api/channels', { token: sales })).body
    expect(list.findIndex((c: any) => c.id === created.id)).toBeLessThan(list.findIndex((c: any) => c.code === 'other'))
    expect(await lastAudit('channel', created.id)).toMatchObject({ action: 'create', after: { name, sourceType: 'event' } })
  })

  it('refuses a name already in use, in any case', async () => {
    const res = await call('POST', '/api/channels', { token: owner, body: { name: 'tiktok ads', sourceType: 'ads' } })
    expect(res.status).toBe(409)
    expect(res.body.data.fieldErrors.name).toBeDefined()
  })

  it('edits name, source type, platform and active, audited', async () => {
    const created = await createChannel()
    const name = unique('YouTube Shorts')
    const res = await call('PATCH', `/api/channels/${created.id}`, { token: manager, body: { name, sourceType: 'organic', platform: null } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ name, sourceType: 'organic', platform: null, code: created.code })
    expect(await lastAudit('channel', created.id)).toMatchObject({ action: 'update', before: { sourceType: 'ads', platform: 'youtube' }, after: { sourceType: 'organic', platform: null } })
    expect((await call('PATCH', `/api/channels/${created.id}`, { token: manager, body: { active: false } })).body.active).toBe(false)
    expect(await lastAudit('channel', created.id)).toMatchObject({ action: 'deactivate' })
  })

  it('keeps Other active: unmapped values need somewhere to go', async () => {
    const other = await channelId('other')
    const res = await call('PATCH', `/api/channels/${other}`, { token: owner, body: { active: false } })
    expect(res.status).toBe(400)
    expect(res.body.data.fieldErrors.active).toBeDefined()
    expect((await db.select().from(channels).where(eq(channels.id, other)))[0]!.active).toBe(true)
  })

  it('answers bad edits with 400 and unknown channels with 404', async () => {
    const tiktok = await channelId('tiktok_ads')
    expect((await call('PATCH', `/api/channels/${tiktok}`, { token: owner, body: {} })).status).toBe(400)
    expect((await call('PATCH', `/api/channels/${tiktok}`, { token: owner, body: { sourceType: 'tv' } })).status).toBe(400)
    expect((await call('PATCH', '/api/channels/999999', { token: owner, body: { name: 'Tidak Ada' } })).status).toBe(404)
  })
})

describe('aliases', () => {
  it('adds an alias in its normalised spelling, audited', async () => {
    const created = await createChannel()
    const res = await call('POST', `/api/channels/${created.id}/aliases`, { token: manager, body: { field: 'source', value: '  YouTube_Shorts-Uji ' } })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ channelId: created.id, field: 'source', value: 'youtube shorts uji' })
    expect(await lastAudit('channel_alias', res.body.id)).toMatchObject({ action: 'create', after: { value: 'youtube shorts uji' } })
    const list = (await call('GET', '/api/channels/aliases', { token: owner })).body
    expect(list.filter((a: any) => a.channelId === created.id)).toEqual([res.body])
  })

  it('refuses a field and value that already exist, in any spelling, with 409', async () => {
    const created = await createChannel()
    const body = { field: 'campaign', value: unique('promo-utbk') }
    expect((await call('POST', `/api/channels/${created.id}/aliases`, { token: owner, body })).status).toBe(201)
    const before = await db.$count(channelAliases)
    for (const value of [body.value, body.value.toUpperCase().replace(/-/g, '_')]) {
      const res = await call('POST', `/api/channels/${created.id}/aliases`, { token: owner, body: { field: 'campaign', value } })
      expect(res.status, value).toBe(409)
      expect(res.body.data.fieldErrors.value[0]).toContain(created.name)
    }
    // The seeded alias 'tiktok_ads' is stored as it was written; 'TikTok Ads' is the same value.
    const tiktokTaken = await call('POST', `/api/channels/${created.id}/aliases`, { token: owner, body: { field: 'source', value: 'TikTok Ads' } })
    expect(tiktokTaken.status).toBe(409)
    expect(tiktokTaken.body.message).toContain('TikTok Ads')
    expect(await db.$count(channelAliases)).toBe(before)
    // The same value in another field is a different alias.
    expect((await call('POST', `/api/channels/${created.id}/aliases`, { token: owner, body: { field: 'medium', value: body.value } })).status).toBe(201)
  })

  it('rejects bad aliases with field errors, and unknown channels with 404', async () => {
    const tiktok = await channelId('tiktok_ads')
    const before = await db.$count(channelAliases)
    const res = await call('POST', `/api/channels/${tiktok}/aliases`, { token: owner, body: { field: 'term', value: ' _ ' } })
    expect(res.status).toBe(400)
    expect(Object.keys(res.body.data.fieldErrors).sort()).toEqual(['field', 'value'])
    expect((await call('POST', `/api/channels/${tiktok}/aliases`, { token: owner, body: { field: 'source', value: 'x'.repeat(121) } })).status).toBe(400)
    expect((await call('POST', '/api/channels/999999/aliases', { token: owner, body: { field: 'source', value: 'tidak-ada' } })).status).toBe(404)
    expect(await db.$count(channelAliases)).toBe(before)
  })

  it('removes an alias, audited; a second removal is 404', async () => {
    const created = await createChannel()
    const { body: alias } = await call('POST', `/api/channels/${created.id}/aliases`, { token: owner, body: { field: 'source', value: unique('hapus') } })
    const res = await call('DELETE', `/api/channels/aliases/${alias.id}`, { token: manager })
    expect(res.status).toBe(200)
    expect(await db.$count(channelAliases, eq(channelAliases.id, alias.id))).toBe(0)
    expect(await lastAudit('channel_alias', alias.id)).toMatchObject({ action: 'delete', before: { value: alias.value } })
    expect((await call('DELETE', `/api/channels/aliases/${alias.id}`, { token: manager })).status).toBe(404)
    expect((await call('DELETE', '/api/channels/aliases/abc', { token: manager })).status).toBe(400)
  })
})

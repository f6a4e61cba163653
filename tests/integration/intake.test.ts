import { and, asc, desc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { activities, appSettings, auditLogs, channels, eventLogs, leads, leadStageHistory, pipelineStages, programs } from '../../server/db/schema'
import { testDb } from '../support/db'
import { call, freshIp, login } from '../support/http'

const { db, pool } = testDb()

let owner: string
let manager: string
let admin: string
let sales: string
let siteKey: string
let siteName: string
const channel: Record<string, number> = {}
const stage: Record<string, number> = {}
let savedAssignment: unknown

let seq = 0
/** A number no other test uses: 0813 9 + pid + a counter. */
const phone = () => `0813${String(9_000_000 + (process.pid % 900) * 1000 + ++seq).padStart(8, '0')}`
const intake = (body: Record<string, unknown>, opts: { key?: string | null, ip?: string } = {}) => call('POST', '/api/intake', {
  body,
  headers: { 'x-forwarded-for': opts.ip ?? freshIp(), ...(opts.key === null ? {} : { 'x-site-key': opts.key ?? siteKey }) },
})

beforeAll(async () => {
  ;[owner, manager, admin, sales] = await Promise.all([login('owner@demo.test'), login('manager@demo.test'), login('admin@demo.test'), login('sales@demo.test')])
  for (const c of await db.select().from(channels)) channel[c.code] = c.id
  for (const s of await db.select().from(pipelineStages)) stage[s.code] = s.id
  // Leads from these tests stay unassigned: the demo accounts' lead sets are what the scope tests count.
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, 'assignment'))
  savedAssignment = row?.value
  expect((await call('PUT', '/api/assignment/settings', { token: owner, body: { enabled: false } })).status).toBe(200)
  siteName = `Landing UTBK ${Date.now()}`
  const site = await call('POST', '/api/intake/sites', { token: manager, body: { name: siteName } })
  expect(site.status).toBe(201)
  siteKey = site.body.key
})

afterAll(async () => {
  if (savedAssignment === undefined) await db.delete(appSettings).where(eq(appSettings.key, 'assignment'))
  else await db.update(appSettings).set({ value: savedAssignment }).where(eq(appSettings.key, 'assignment'))
  await pool.end()
})

describe('intake sites', () => {
  it('Owner and Manager create, list and revoke sites; the key is shown once and stored only hashed', async () => {
    const created = await call('POST', '/api/intake/sites', { token: owner, body: { name: 'Situs Sementara' } })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ name: 'Situs Sementara', active: true })
    expect(created.body.key).toMatch(/^sk_[\w-]{20,}$/)

    const list = await call('GET', '/api/intake/sites', { token: manager })
    expect(list.status).toBe(200)
    const listed = list.body.items.find((s: { id: string }) => s.id === created.body.id)
    expect(listed).toEqual({ id: created.body.id, name: 'Situs Sementara', active: true, createdAt: expect.any(String) })
    const [stored] = await db.select().from(appSettings).where(eq(appSettings.key, 'intake.sites'))
    expect(JSON.stringify(stored!.value)).not.toContain(created.body.key)
    expect(JSON.stringify(list.body)).not.toContain('keyHash')

    expect((await intake({ studentName: 'Sebelum Dicabut', whatsapp: phone() }, { key: created.body.key })).status).toBe(201)
    const revoked = await call('DELETE', `/api/intake/sites/${created.body.id}`, { token: owner })
    expect(revoked.status).toBe(200)
    expect(revoked.body.active).toBe(false)
    const after = await intake({ studentName: 'Sesudah Dicabut', whatsapp: phone() }, { key: created.body.key })
    expect(after.status).toBe(401)
    expect((await call('DELETE', '/api/intake/sites/site_tidakada', { token: owner })).status).toBe(404)
  })

  it('Admin and Sales/CS may not manage sites; signed out is 401', async () => {
    for (const token of [admin, sales]) {
      expect((await call('GET', '/api/intake/sites', { token })).status).toBe(403)
      expect((await call('POST', '/api/intake/sites', { token, body: { name: 'Tidak Boleh' } })).status).toBe(403)
    }
    expect((await call('GET', '/api/intake/sites')).status).toBe(401)
    expect((await call('POST', '/api/intake/sites', { token: owner, body: { name: '' } })).body.data.fieldErrors.name).toBeDefined()
  })
})

describe('POST /api/intake', () => {
  it('needs a valid site key: none or a wrong one is 401 and stores nothing', async () => {
    const before = await db.$count(leads)
    expect((await intake({ studentName: 'Tanpa Kunci', whatsapp: phone() }, { key: null })).status).toBe(401)
    expect((await intake({ studentName: 'Kunci Salah', whatsapp: phone() }, { key: 'sk_salah' })).status).toBe(401)
    expect(await db.$count(leads)).toBe(before)
  })

  it('creates the lead like the form: 201, channel from the UTM aliases, first stage, history and audit without an actor', async () => {
    const number = phone()
    const res = await intake({
      studentName: ' Citra Lestari ', parentName: 'Ibu Lestari', school: 'SMA 1 Depok', grade: 'SMA 12', whatsapp: number,
      email: 'Citra@Mail.ID', city: 'Depok', programCode: 'SMA-REG', notes: 'Kelas sore',
      utmSource: 'TikTok', utmMedium: 'paid', utmCampaign: 'utbk_feb', utmContent: 'video_1', utmTerm: 'bimbel', website: '',
    })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({ ok: true, id: expect.any(Number) })
    expect(res.headers.get('access-control-allow-origin')).toBe('*')

    const [row] = await db.select().from(leads).where(eq(leads.id, res.body.id))
    const [program] = await db.select().from(programs).where(eq(programs.code, 'SMA-REG'))
    expect(row).toMatchObject({
      studentName: 'Citra Lestari', parentName: 'Ibu Lestari', email: 'citra@mail.id', channelId: channel.tiktok_ads,
      programId: program!.id, expectedValue: program!.price, stageId: stage.prospect, createdBy: null, assignedTo: null,
      utmSource: 'TikTok', utmMedium: 'paid', utmCampaign: 'utbk_feb', utmContent: 'video_1', utmTerm: 'bimbel', notes: 'Kelas sore',
    })
    expect(row!.phoneEnc).not.toContain(number.slice(1))
    const moves = await db.select().from(leadStageHistory).where(eq(leadStageHistory.leadId, res.body.id))
    expect(moves).toEqual([expect.objectContaining({ fromStageId: null, toStageId: stage.prospect, changedBy: null })])
    const [entry] = await db.select().from(auditLogs).where(and(eq(auditLogs.entity, 'lead'), eq(auditLogs.entityId, String(res.body.id))))
    expect(entry).toMatchObject({ action: 'create', userId: null })
    expect(entry!.after).toMatchObject({ intakeSite: siteName })
    expect(JSON.stringify(entry)).not.toContain(number.slice(1))
  })

  it('maps other UTM values too, and unknown ones to Other; the key may come in the body', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ utmSource: 'ig', utmMedium: 'cpc' }, 'instagram_ads'],
      [{ utmSource: 'FB', utmMedium: 'Paid Social' }, 'meta_ads'],
      // Facebook without a paid medium is organic social, not an ad.
      [{ utmSource: 'facebook' }, 'organic_social'],
      [{ utmSource: `tak-dikenal-${Date.now()}` }, 'other'],
    ]
    for (const [utm, code] of cases) {
      const res = await intake({ studentName: `UTM ${code}`, whatsapp: phone(), siteKey, ...utm }, { key: null })
      expect(res.status).toBe(201)
      const [row] = await db.select({ channelId: leads.channelId }).from(leads).where(eq(leads.id, res.body.id))
      expect(row!.channelId).toBe(channel[code])
    }
  })

  it('a filled honeypot answers like success, stores nothing and is logged', async () => {
    const name = `Bot ${Date.now()}`
    const res = await intake({ studentName: name, whatsapp: phone(), website: 'http://spam.example' })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ ok: true })
    expect(await db.$count(leads, eq(leads.studentName, name))).toBe(0)
    const [event] = await db.select().from(eventLogs).where(eq(eventLogs.type, 'intake_honeypot')).orderBy(desc(eventLogs.id)).limit(1)
    expect(event).toBeDefined()
  })

  it('a known number adds a note to the existing lead instead of a duplicate', async () => {
    const first = await intake({ studentName: 'Dimas Pratama', whatsapp: '0813-7000-4455', utmSource: 'tiktok' })
    expect(first.status).toBe(201)
    const [before] = await db.select().from(leads).where(eq(leads.id, first.body.id))
    await new Promise(r => setTimeout(r, 1100))
    const count = await db.$count(leads)

    const again = await intake({ studentName: 'Dimas P.', whatsapp: '+62 813 7000 4455', utmSource: 'fb', utmCampaign: 'promo_maret', notes: 'Tanya harga' })
    expect(again.status).toBe(200)
    expect(again.body).toEqual({ ok: true, duplicate: true })
    expect(await db.$count(leads)).toBe(count)

    const notes = await db.select().from(activities).where(eq(activities.leadId, first.body.id)).orderBy(asc(activities.id))
    expect(notes).toHaveLength(1)
    expect(notes[0]).toMatchObject({ type: 'note', userId: null })
    expect(notes[0]!.notes).toContain(`Mengisi formulir lagi dari ${siteName}`)
    expect(notes[0]!.notes).toContain('utm_source=fb')
    expect(notes[0]!.notes).toContain('utm_campaign=promo_maret')
    expect(notes[0]!.notes).toContain('Tanya harga')
    const [after] = await db.select().from(leads).where(eq(leads.id, first.body.id))
    expect(after!.updatedAt.getTime()).toBeGreaterThan(before!.updatedAt.getTime())
    expect(after!.studentName).toBe('Dimas Pratama')
  })

  it('two posts of one new number at once make one lead and one note', async () => {
    const number = phone()
    const count = await db.$count(leads)
    const results = await Promise.all([intake({ studentName: 'Serentak Satu', whatsapp: number }), intake({ studentName: 'Serentak Dua', whatsapp: number })])
    expect(results.map(r => r.status).sort()).toEqual([200, 201])
    expect(await db.$count(leads)).toBe(count + 1)
    const created = results.find(r => r.status === 201)!.body.id
    expect(await db.$count(activities, eq(activities.leadId, created))).toBe(1)
  })

  it('a deleted lead with the number does not count: a new lead is created', async () => {
    const number = phone()
    const first = await intake({ studentName: 'Akan Dihapus', whatsapp: number })
    expect((await call('DELETE', `/api/leads/${first.body.id}`, { token: owner })).status).toBeLessThan(300)
    const again = await intake({ studentName: 'Datang Lagi', whatsapp: number })
    expect(again.status).toBe(201)
    expect(again.body.id).not.toBe(first.body.id)
  })

  it('bad input is a 400 with field errors, never a 500, and stores nothing', async () => {
    const before = await db.$count(leads)
    const res = await intake({ studentName: 'A', whatsapp: '12345', email: 'bukan-email', programId: 'abc' })
    expect(res.status).toBe(400)
    expect(Object.keys(res.body.data.fieldErrors).sort()).toEqual(['email', 'programId', 'studentName', 'whatsapp'])
    expect((await intake({ studentName: 'Tanpa Nomor' })).body.data.fieldErrors.whatsapp).toBeDefined()
    const unknownProgram = await intake({ studentName: 'Program Aneh', whatsapp: phone(), programCode: 'TIDAK-ADA' })
    expect(unknownProgram.status).toBe(400)
    expect(unknownProgram.body.data.fieldErrors.programCode).toBeDefined()
    const inactiveId = await intake({ studentName: 'Program Hilang', whatsapp: phone(), programId: 999_999 })
    expect(inactiveId.status).toBe(400)
    expect(inactiveId.body.data.fieldErrors.programId).toBeDefined()
    const notJson = await call('POST', '/api/intake', { body: '{"studentName":', headers: { 'x-site-key': siteKey, 'content-type': 'application/json', 'x-forwarded-for': freshIp() } })
    expect(notJson.status).toBe(400)
    expect(await db.$count(leads)).toBe(before)
  })

  it('answers the CORS preflight from any origin', async () => {
    const res = await call('OPTIONS', '/api/intake', {
      headers: { 'origin': 'https://promo.bimbel.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-site-key' },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-allow-methods')).toContain('POST')
    expect(res.headers.get('access-control-allow-headers')).toContain('x-site-key')
  })

  it('rate limits per client address: the 31st post in a minute is a 429 with Retry-After', async () => {
    const ip = freshIp()
    for (let i = 0; i < 30; i++) {
      const res = await intake({ studentName: 'Bot', whatsapp: phone(), website: 'x' }, { ip })
      expect(res.status).toBe(200)
    }
    const limited = await intake({ studentName: 'Terlalu Banyak', whatsapp: phone() }, { ip })
    expect(limited.status).toBe(429)
    const retry = Number(limited.headers.get('retry-after'))
    expect(retry).toBeGreaterThan(0)
    expect(retry).toBeLessThanOrEqual(60)
    expect(await db.$count(leads, eq(leads.studentName, 'Terlalu Banyak'))).toBe(0)
    // Another address is not affected.
    expect((await intake({ studentName: 'Alamat Lain', whatsapp: phone() })).status).toBe(201)
  })
})

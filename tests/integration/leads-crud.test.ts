import { and, asc, desc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLogs, channels, leads, leadStageHistory, pipelineStages, programs, users } from '../../server/db/schema'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

const { db, pool } = testDb()
afterAll(() => pool.end())

let owner: string
let admin: string
let sales: string
const stage: Record<string, number> = {}
const program: Record<string, { id: number, price: number }> = {}
const channel: Record<string, number> = {}
const user: Record<string, number> = {}

beforeAll(async () => {
  ;[owner, admin, sales] = await Promise.all([login('owner@demo.test'), login('admin@demo.test'), login('sales@demo.test')])
  for (const s of await db.select().from(pipelineStages)) stage[s.code] = s.id
  for (const p of await db.select().from(programs)) program[p.code] = { id: p.id, price: p.price }
  for (const c of await db.select().from(channels)) channel[c.code] = c.id
  for (const u of await db.select().from(users)) user[u.email.split('@')[0]!] = u.id
})

const history = (leadId: number) => db.select().from(leadStageHistory).where(eq(leadStageHistory.leadId, leadId)).orderBy(asc(leadStageHistory.id))
const audits = (leadId: number) => db.select().from(auditLogs)
  .where(and(eq(auditLogs.entity, 'lead'), eq(auditLogs.entityId, String(leadId)))).orderBy(desc(auditLogs.id))

describe('POST /api/leads', () => {
  it('creates a lead: 201, number formatted, stored encrypted, first stage by default, value from the program, history and audit', async () => {
    const res = await call('POST', '/api/leads', {
      token: admin,
      body: {
        studentName: '  Anisa Rahma ', parentName: 'Ibu Wulan', school: 'SMA Negeri 3 Bandung', grade: 'SMA 12', city: 'Bandung',
        whatsapp: '+62 811-2000-1001', email: 'Wulan@Mail.ID', channelId: channel.tiktok_ads, programId: program['UTBK-INT']!.id,
        utmSource: 'tiktok', utmMedium: 'paid_social', utmCampaign: 'utbk_jan', notes: 'Minta jadwal kelas malam',
      },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      studentName: 'Anisa Rahma', parentName: 'Ibu Wulan', whatsapp: '0811-2000-1001', phone: '+6281120001001', email: 'wulan@mail.id',
      channel: { id: channel.tiktok_ads, name: 'TikTok Ads', sourceType: 'ads' }, program: { id: program['UTBK-INT']!.id },
      stage: { code: 'prospect', kind: 'open', probability: 10 }, followUpStatus: 'new', assignedTo: null,
      expectedValue: program['UTBK-INT']!.price, utmSource: 'tiktok', utmCampaign: 'utbk_jan', closedAt: null,
      createdBy: { id: user.admin },
    })
    const [row] = await db.select().from(leads).where(eq(leads.id, res.body.id))
    expect(row!.phoneEnc).not.toContain('81120001001')
    expect(row!.phoneLast4).toBe('1001')
    expect(row!.phoneBidx).toHaveLength(32)

    const moves = await history(res.body.id)
    expect(moves).toHaveLength(1)
    expect(moves[0]).toMatchObject({ fromStageId: null, toStageId: stage.prospect, changedBy: user.admin })

    const [entry] = await audits(res.body.id)
    expect(entry).toMatchObject({ action: 'create', userId: user.admin })
    const text = JSON.stringify(entry)
    expect(text).not.toContain('81120001001')
    expect(text).not.toContain('phoneEnc')
    expect(text).toContain('•••1001')
    expect(text).toContain('w***@mail.id')
  })

  it('Sales/CS create leads for themselves and may not assign them to anyone else', async () => {
    const own = await call('POST', '/api/leads', { token: sales, body: { studentName: 'Bayu Milik Budi' } })
    expect(own.status).toBe(201)
    expect(own.body.assignedTo).toEqual({ id: user.sales, name: 'Budi Sales' })
    const before = await db.$count(leads)
    const other = await call('POST', '/api/leads', { token: sales, body: { studentName: 'Untuk Putri', assignedTo: user.sales2 } })
    expect(other.status).toBe(403)
    expect(other.body.data.fieldErrors.assignedTo).toBeDefined()
    const nobody = await call('POST', '/api/leads', { token: sales, body: { studentName: 'Tanpa Pemilik', assignedTo: null } })
    expect(nobody.status).toBe(403)
    expect(await db.$count(leads)).toBe(before)
  })

  it('Admin assigns on create; a lead created won is closed at once with nothing left to follow up', async () => {
    const res = await call('POST', '/api/leads', {
      token: admin,
      body: { studentName: 'Langsung Daftar', stageId: stage.won, assignedTo: user.sales2, expectedValue: 1_500_000, nextFollowUpAt: '2030-01-01T10:00:00+07:00', followUpStatus: 'scheduled' },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ stage: { code: 'won' }, assignedTo: { id: user.sales2 }, expectedValue: 1_500_000, followUpStatus: 'done', nextFollowUpAt: null })
    expect(res.body.closedAt).not.toBeNull()
  })

  it('rejects bad input with field errors and writes nothing', async () => {
    const before = [await db.$count(leads), await db.$count(leadStageHistory), await db.$count(auditLogs)]
    const res = await call('POST', '/api/leads', {
      token: admin,
      body: { studentName: 'A', whatsapp: '12345', email: 'bukan-email', expectedValue: -5, followUpStatus: 'maybe', channelId: 'tiktok', nextFollowUpAt: 'besok' },
    })
    expect(res.status).toBe(400)
    expect(Object.keys(res.body.data.fieldErrors).sort()).toEqual(['channelId', 'email', 'expectedValue', 'followUpStatus', 'nextFollowUpAt', 'studentName', 'whatsapp'])
    expect((await call('POST', '/api/leads', { token: admin, body: {} })).body.data.fieldErrors.studentName).toEqual(['Nama siswa wajib diisi'])
    expect((await call('POST', '/api/leads', { token: admin, body: { studentName: 'Rupiah Pecahan', expectedValue: 10.5 } })).status).toBe(400)
    expect([await db.$count(leads), await db.$count(leadStageHistory), await db.$count(auditLogs)]).toEqual(before)
  })

  it('unknown channel, program, stage or an inactive assignee are field errors, not a 500', async () => {
    const [inactive] = await db.insert(users).values({ name: 'Mantan Staf', email: `mantan-${Date.now()}@demo.test`, passwordHash: 'x', role: 'sales', active: false }).$returningId()
    const before = await db.$count(leads)
    const res = await call('POST', '/api/leads', {
      token: admin,
      body: { studentName: 'Referensi Salah', channelId: 999_999, programId: 999_999, stageId: 999_999, assignedTo: inactive!.id },
    })
    expect(res.status).toBe(400)
    expect(Object.keys(res.body.data.fieldErrors).sort()).toEqual(['assignedTo', 'channelId', 'programId', 'stageId'])
    expect(await db.$count(leads)).toBe(before)
  })

  it('needs a session', async () => {
    expect((await call('POST', '/api/leads', { body: { studentName: 'Tanpa Login' } })).status).toBe(401)
    expect((await call('GET', '/api/leads')).status).toBe(401)
  })
})

describe('GET and PATCH /api/leads/:id', () => {
  const create = async (body: Record<string, unknown>, token = admin) => {
    const res = await call('POST', '/api/leads', { token, body })
    expect(res.status).toBe(201)
    return res.body
  }

  it('reads one lead; a bad id is a 400, a missing one a 404', async () => {
    const lead = await create({ studentName: 'Dibaca Saja', whatsapp: '0811 2000 2002' })
    const res = await call('GET', `/api/leads/${lead.id}`, { token: owner })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: lead.id, whatsapp: '0811-2000-2002', stage: { code: 'prospect' } })
    expect((await call('GET', '/api/leads/abc', { token: owner })).status).toBe(400)
    expect((await call('GET', '/api/leads/99999999', { token: owner })).status).toBe(404)
  })

  it('keeps an expected close date: set on create, changed and cleared, audited; a bad date is a 400', async () => {
    const lead = await create({ studentName: 'Perkiraan Closing', expectedCloseOn: '2043-03-31' })
    expect(lead.expectedCloseOn).toBe('2043-03-31')
    expect((await call('GET', `/api/leads/${lead.id}`, { token: owner })).body.expectedCloseOn).toBe('2043-03-31')
    const [row] = await db.select().from(leads).where(eq(leads.id, lead.id))
    expect(row!.expectedCloseOn).toBe('2043-03-31')

    const moved = await call('PATCH', `/api/leads/${lead.id}`, { token: admin, body: { expectedCloseOn: '2043-04-01' } })
    expect(moved.status).toBe(200)
    expect(moved.body.expectedCloseOn).toBe('2043-04-01')
    const [entry] = await audits(lead.id)
    expect(entry).toMatchObject({ action: 'update', before: { expectedCloseOn: '2043-03-31' }, after: { expectedCloseOn: '2043-04-01' } })

    for (const bad of ['2043-02-30', '31/03/2043', 20430331]) {
      const res = await call('PATCH', `/api/leads/${lead.id}`, { token: admin, body: { expectedCloseOn: bad } })
      expect(res.status).toBe(400)
      expect(res.body.data.fieldErrors.expectedCloseOn).toEqual(['Tanggal tidak valid (YYYY-MM-DD)'])
    }
    const cleared = await call('PATCH', `/api/leads/${lead.id}`, { token: admin, body: { expectedCloseOn: '' } })
    expect(cleared.body.expectedCloseOn).toBeNull()
    expect((await create({ studentName: 'Tanpa Perkiraan' })).expectedCloseOn).toBeNull()
  })

  it('changes only what is sent, and audits only what changed', async () => {
    const lead = await create({ studentName: 'Edit Sebagian', school: 'SMP Negeri 1 Bogor', grade: 'SMP 9', whatsapp: '081120003003' })
    const res = await call('PATCH', `/api/leads/${lead.id}`, { token: admin, body: { school: 'SMP Negeri 2 Bogor', grade: 'SMP 9', city: '', notes: 'Ayah yang memutuskan' } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ studentName: 'Edit Sebagian', school: 'SMP Negeri 2 Bogor', grade: 'SMP 9', city: null, notes: 'Ayah yang memutuskan', whatsapp: '0811-2000-3003' })
    const [entry] = await audits(lead.id)
    expect(entry).toMatchObject({ action: 'update', before: { school: 'SMP Negeri 1 Bogor', notes: null }, after: { school: 'SMP Negeri 2 Bogor', notes: 'Ayah yang memutuskan' } })
    expect(Object.keys(entry!.after as object).sort()).toEqual(['notes', 'school'])
    // Nothing new: no write, no audit entry.
    const again = await call('PATCH', `/api/leads/${lead.id}`, { token: admin, body: { school: 'SMP Negeri 2 Bogor' } })
    expect(again.status).toBe(200)
    expect(await audits(lead.id)).toHaveLength(2)
    expect((await call('PATCH', `/api/leads/${lead.id}`, { token: admin, body: {} })).status).toBe(400)
  })

  it('a stage change writes the history, closes on won/lost with the reason, and reopens', async () => {
    const lead = await create({ studentName: 'Perjalanan Tahap', nextFollowUpAt: '2030-05-01T09:00:00+07:00', followUpStatus: 'scheduled' })
    const toFollowUp = await call('PATCH', `/api/leads/${lead.id}`, { token: admin, body: { stageId: stage.follow_up } })
    expect(toFollowUp.body).toMatchObject({ stage: { code: 'follow_up' }, closedAt: null, followUpStatus: 'scheduled', nextFollowUpAt: '2030-05-01T02:00:00.000Z' })
    const lost = await call('PATCH', `/api/leads/${lead.id}`, { token: admin, body: { stageId: stage.lost, lostReason: 'Harga' } })
    expect(lost.body).toMatchObject({ stage: { code: 'lost', kind: 'lost' }, lostReason: 'Harga', followUpStatus: 'done', nextFollowUpAt: null })
    expect(lost.body.closedAt).not.toBeNull()
    const reopened = await call('PATCH', `/api/leads/${lead.id}`, { token: admin, body: { stageId: stage.interested } })
    expect(reopened.body).toMatchObject({ stage: { code: 'interested' }, closedAt: null, lostReason: null })

    const moves = await history(lead.id)
    expect(moves.map(m => [m.fromStageId, m.toStageId])).toEqual([
      [null, stage.prospect], [stage.prospect, stage.follow_up], [stage.follow_up, stage.lost], [stage.lost, stage.interested],
    ])
    expect(moves.every(m => m.changedBy === user.admin)).toBe(true)
    // The same stage again is no move.
    await call('PATCH', `/api/leads/${lead.id}`, { token: admin, body: { stageId: stage.interested } })
    expect(await history(lead.id)).toHaveLength(4)
  })

  it('Sales/CS edit their own lead but cannot hand it to someone else; Admin reassigns', async () => {
    const lead = await create({ studentName: 'Milik Budi Untuk Diedit' }, sales)
    expect((await call('PATCH', `/api/leads/${lead.id}`, { token: sales, body: { grade: 'SMA 11', assignedTo: user.sales } })).status).toBe(200)
    const handOver = await call('PATCH', `/api/leads/${lead.id}`, { token: sales, body: { assignedTo: user.sales2 } })
    expect(handOver.status).toBe(403)
    expect(handOver.body.data.fieldErrors.assignedTo).toBeDefined()
    expect((await call('PATCH', `/api/leads/${lead.id}`, { token: sales, body: { assignedTo: null } })).status).toBe(403)
    const [row] = await db.select().from(leads).where(eq(leads.id, lead.id))
    expect(row!.assignedTo).toBe(user.sales)
    const reassigned = await call('PATCH', `/api/leads/${lead.id}`, { token: admin, body: { assignedTo: user.sales2 } })
    expect(reassigned.body.assignedTo).toEqual({ id: user.sales2, name: 'Putri Sales' })
    expect((await call('GET', `/api/leads/${lead.id}`, { token: sales })).status).toBe(404)
  })

  it('a new number is audited masked; bad references on edit are 400 and change nothing', async () => {
    const lead = await create({ studentName: 'Ganti Nomor', whatsapp: '081120004004' })
    const res = await call('PATCH', `/api/leads/${lead.id}`, { token: admin, body: { whatsapp: '62 811 2000 4005' } })
    expect(res.body.whatsapp).toBe('0811-2000-4005')
    const [entry] = await audits(lead.id)
    expect(entry).toMatchObject({ before: { whatsapp: '•••4004' }, after: { whatsapp: '•••4005' } })
    expect(JSON.stringify(entry)).not.toMatch(/8112000400[45]/)

    const bad = await call('PATCH', `/api/leads/${lead.id}`, { token: admin, body: { studentName: 'Harus Tidak Tersimpan', programId: 999_999 } })
    expect(bad.status).toBe(400)
    expect(bad.body.data.fieldErrors.programId).toBeDefined()
    const [row] = await db.select().from(leads).where(eq(leads.id, lead.id))
    expect(row!.studentName).toBe('Ganti Nomor')
    // Clearing the number clears all three columns.
    await call('PATCH', `/api/leads/${lead.id}`, { token: admin, body: { whatsapp: '' } })
    const [cleared] = await db.select().from(leads).where(eq(leads.id, lead.id))
    expect([cleared!.phoneEnc, cleared!.phoneBidx, cleared!.phoneLast4]).toEqual([null, null, null])
  })
})

describe('UTM values map to a channel on create', () => {
  it('uses the aliases when no channel is chosen, keeps the raw values, and falls back to Lainnya', async () => {
    const token = await login('admin@demo.test')
    const paid = await call('POST', '/api/leads', { token, body: { studentName: 'Utm Berbayar', utmSource: 'IG', utmMedium: 'CPC', utmCampaign: 'utbk_promo' } })
    expect(paid.status).toBe(201)
    expect(paid.body).toMatchObject({ channel: { name: 'Instagram Ads' }, utmSource: 'IG', utmMedium: 'CPC' })
    const tiktok = await call('POST', '/api/leads', { token, body: { studentName: 'Utm Tiktok', utmSource: 'TikTok Ads' } })
    expect(tiktok.body.channel.name).toBe('TikTok Ads')
    const unknown = await call('POST', '/api/leads', { token, body: { studentName: 'Utm Asing', utmSource: 'brosur-kertas' } })
    expect(unknown.body.channel.name).toBe('Lainnya')
    const chosen = await call('POST', '/api/leads', { token, body: { studentName: 'Utm Dipilih', utmSource: 'tiktok', channelId: unknown.body.channel.id } })
    expect(chosen.body.channel.name).toBe('Lainnya')
  })
})

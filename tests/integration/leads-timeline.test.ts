import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { activities, pipelineStages, users } from '../../server/db/schema'
import type { TimelineActivityItem, TimelineEditItem, TimelineItem, TimelineStageItem } from '../../shared/types/timeline'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

const { db, pool } = testDb()
afterAll(() => pool.end())

let owner: string
let admin: string
let sales: string
const stage: Record<string, number> = {}
const user: Record<string, number> = {}

beforeAll(async () => {
  ;[owner, admin, sales] = await Promise.all([login('owner@demo.test'), login('admin@demo.test'), login('sales@demo.test')])
  for (const s of await db.select().from(pipelineStages)) stage[s.code] = s.id
  for (const u of await db.select().from(users)) user[u.email.split('@')[0]!] = u.id
})

const timeline = (id: number, token: string) => call<{ items: TimelineItem[] }>('GET', `/api/leads/${id}/timeline`, { token })
const tick = () => new Promise(r => setTimeout(r, 15))

describe('GET /api/leads/:id/timeline', () => {
  it('merges stage changes, audited edits and activities, newest first, with no clear phone number', async () => {
    const created = await call('POST', '/api/leads', {
      token: admin,
      body: { studentName: 'Riwayat Lengkap', school: 'SMA Negeri 1 Depok', grade: 'SMA 11', whatsapp: '0812 7000 4004', assignedTo: user.sales },
    })
    expect(created.status).toBe(201)
    const id: number = created.body.id
    await tick()
    expect((await call('PATCH', `/api/leads/${id}`, { token: admin, body: { stageId: stage.follow_up } })).status).toBe(200)
    await tick()
    expect((await call('PATCH', `/api/leads/${id}`, { token: sales, body: { school: 'SMA Negeri 2 Depok', grade: 'SMA 12', whatsapp: '0812 7000 5005' } })).status).toBe(200)
    await tick()
    await db.insert(activities).values({
      leadId: id, userId: user.sales, type: 'call', outcome: 'interested', notes: 'Minta brosur kelas UTBK',
      occurredAt: new Date(), nextAction: 'Kirim brosur', nextActionAt: new Date(Date.now() + 86_400_000),
    })
    // A soft-deleted activity is not history any more.
    await db.insert(activities).values({ leadId: id, userId: user.sales, type: 'note', notes: 'Salah input', occurredAt: new Date(), deletedAt: new Date() })

    const res = await timeline(id, owner)
    expect(res.status).toBe(200)
    const items = res.body.items
    expect(items.map(i => i.kind)).toEqual(['activity', 'edit', 'stage', 'stage'])
    const ats = items.map(i => i.at)
    expect([...ats].sort().reverse()).toEqual(ats)

    const [activity, edit, move, first] = items as [TimelineActivityItem, TimelineEditItem, TimelineStageItem, TimelineStageItem]
    expect(activity).toMatchObject({
      type: 'call', outcome: 'interested', notes: 'Minta brosur kelas UTBK', nextAction: 'Kirim brosur', by: { id: user.sales, name: 'Budi Sales' },
    })
    expect(activity.nextActionAt).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    expect(edit).toMatchObject({ action: 'update', by: { id: user.sales, name: 'Budi Sales' } })
    expect(edit.changes.map(c => c.field).sort()).toEqual(['grade', 'school', 'whatsapp'])
    expect(edit.changes.find(c => c.field === 'school')).toEqual({ field: 'school', before: 'SMA Negeri 1 Depok', after: 'SMA Negeri 2 Depok' })
    expect(edit.changes.find(c => c.field === 'grade')).toEqual({ field: 'grade', before: 'SMA 11', after: 'SMA 12' })
    expect(edit.changes.find(c => c.field === 'whatsapp')).toEqual({ field: 'whatsapp', before: '•••4004', after: '•••5005' })
    expect(move).toMatchObject({ from: { id: stage.prospect, name: 'Prospek' }, to: { id: stage.follow_up, name: 'Follow-up' }, by: { id: user.admin, name: 'Dewi Admin' } })
    expect(first).toMatchObject({ from: null, to: { id: stage.prospect, name: 'Prospek' }, by: { id: user.admin } })

    const text = JSON.stringify(res.body)
    for (const clear of ['81270004004', '81270005005', '0812-7000', '7000 4004', 'phoneEnc', 'phoneBidx']) expect(text).not.toContain(clear)
  })

  it('is in the lead scope: Sales/CS get a 404 for a lead that is not theirs, like a missing one', async () => {
    const mine = await call('POST', '/api/leads', { token: sales, body: { studentName: 'Riwayat Milik Budi' } })
    const other = await call('POST', '/api/leads', { token: admin, body: { studentName: 'Riwayat Milik Putri', assignedTo: user.sales2 } })
    expect((await timeline(mine.body.id, sales)).status).toBe(200)
    expect((await timeline(mine.body.id, sales)).body.items).toHaveLength(1)
    expect((await timeline(other.body.id, sales)).status).toBe(404)
    expect((await timeline(other.body.id, admin)).status).toBe(200)
    expect((await timeline(99_999_999, owner)).status).toBe(404)
    expect((await timeline(other.body.id, '')).status).toBe(401)
    expect((await call('GET', '/api/leads/abc/timeline', { token: owner })).status).toBe(400)
  })

  it('a deleted lead has no timeline: 404', async () => {
    const lead = await call('POST', '/api/leads', { token: admin, body: { studentName: 'Riwayat Dihapus' } })
    expect((await call('DELETE', `/api/leads/${lead.body.id}`, { token: owner })).status).toBeLessThan(300)
    expect((await timeline(lead.body.id, owner)).status).toBe(404)
  })
})

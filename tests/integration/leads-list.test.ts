import { eq, isNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { channels, leads, pipelineStages, programs, users } from '../../server/db/schema'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

const { db, pool } = testDb()
afterAll(() => pool.end())

let admin: string
const stage: Record<string, number> = {}
const program: Record<string, number> = {}
const channel: Record<string, number> = {}
const user: Record<string, number> = {}
/** Every lead of this file has one of these grades, so the other files' leads never show up. */
const G = 'grade=UJI-A,UJI-B,UJI-C'
const L: Record<string, number> = {}
const DAY = 86_400_000
const now = Date.now()
const next: Record<string, number | null> = { L1: null, L2: now - 2 * DAY, L3: null, L4: now + 60_000, L5: now + 3 * DAY, L6: null }

async function list(query: string, token = admin): Promise<{ ids: string[], total: number, items: any[] }> {
  const res = await call('GET', `/api/leads?${query}`, { token })
  expect(res.status, `${query}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200)
  const byId = Object.fromEntries(Object.entries(L).map(([k, v]) => [v, k]))
  return { ids: res.body.items.map((i: any) => byId[i.id] ?? `#${i.id}`), total: res.body.total, items: res.body.items }
}

beforeAll(async () => {
  admin = await login('admin@demo.test')
  for (const s of await db.select().from(pipelineStages)) stage[s.code] = s.id
  for (const p of await db.select().from(programs)) program[p.code] = p.id
  for (const c of await db.select().from(channels)) channel[c.code] = c.id
  for (const u of await db.select().from(users)) user[u.email.split('@')[0]!] = u.id
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
  const fixtures: [string, Record<string, unknown>, string][] = [
    ['L1', { studentName: 'Zaki Uji', parentName: 'Bapak Hartono Uji', school: 'SMA Uji Nusantara 1', grade: 'UJI-A', city: 'Bogor', channelId: channel.tiktok_ads, programId: program['UTBK-INT'], stageId: stage.prospect, assignedTo: user.sales, expectedValue: 1_000_000, whatsapp: '0815-5000-0001' }, '2025-03-01T16:59:59.000Z'],
    ['L2', { studentName: 'Ayu Uji', parentName: 'Ibu Sekar Uji', school: 'SMA Uji Nusantara 2', grade: 'UJI-B', city: 'Depok', channelId: channel.referral, programId: program['SMA-REG'], stageId: stage.follow_up, assignedTo: user.sales2, followUpStatus: 'contacted', expectedValue: 3_000_000, whatsapp: '0815-5000-0002' }, '2025-03-01T17:00:00.000Z'],
    ['L3', { studentName: 'Mega Uji', grade: 'UJI-C', stageId: stage.won, expectedValue: 0 }, '2025-03-02T10:00:00.000Z'],
    ['L4', { studentName: 'Bima Uji', parentName: 'Pak Joko Uji', school: 'SMP Uji Harapan', grade: 'UJI-A', city: 'Bogor', channelId: channel.school_event, programId: program['SMP-REG'], stageId: stage.interested, assignedTo: user.admin2, followUpStatus: 'scheduled', expectedValue: 2_000_000 }, '2025-03-03T10:00:00.000Z'],
    ['L5', { studentName: 'Citra Uji', parentName: 'Bu Rina Uji', school: 'SMA Uji Nusantara 1', grade: 'UJI-B', city: 'Jakarta', channelId: channel.instagram_ads, programId: program['UTBK-INT'], stageId: stage.negotiation, assignedTo: user.sales, followUpStatus: 'scheduled', expectedValue: 7_500_000 }, '2025-03-04T10:00:00.000Z'],
    ['L6', { studentName: 'Dodi Uji', school: 'Sekolah Uji Lain', grade: 'UJI-C', city: 'Depok', channelId: channel.walk_in, stageId: stage.lost, assignedTo: user.sales2, expectedValue: 500_000 }, '2025-03-05T10:00:00.000Z'],
  ]
  for (const [key, body, createdAt] of fixtures) {
    const res = await call('POST', '/api/leads', { token: admin, body: { ...body, nextFollowUpAt: iso(next[key]!) } })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    L[key] = res.body.id
    await db.update(leads).set({ createdAt: new Date(createdAt), lastActivityAt: key === 'L4' ? new Date('2025-03-10T00:00:00Z') : null }).where(eq(leads.id, res.body.id))
  }
})

describe('GET /api/leads filters', () => {
  it('stage, follow-up status, channel, program, grade (lists as commas or repeated)', async () => {
    expect((await list(`${G}&stage=${stage.prospect},${stage.won}`)).ids.sort()).toEqual(['L1', 'L3'])
    expect((await list(`${G}&stage=${stage.prospect}&stage=${stage.won}`)).ids.sort()).toEqual(['L1', 'L3'])
    expect((await list(`${G}&followUp=scheduled`)).ids.sort()).toEqual(['L4', 'L5'])
    expect((await list(`${G}&followUp=done`)).ids.sort()).toEqual(['L3', 'L6'])
    expect((await list(`${G}&channel=${channel.referral},${channel.walk_in}`)).ids.sort()).toEqual(['L2', 'L6'])
    expect((await list(`${G}&program=${program['UTBK-INT']}`)).ids.sort()).toEqual(['L1', 'L5'])
    expect((await list('grade=UJI-C')).ids.sort()).toEqual(['L3', 'L6'])
  })

  it('source type, alone and with a channel', async () => {
    expect((await list(`${G}&sourceType=ads`)).ids.sort()).toEqual(['L1', 'L5'])
    expect((await list(`${G}&sourceType=event,other`)).ids.sort()).toEqual(['L4', 'L6'])
    expect((await list(`${G}&sourceType=ads&channel=${channel.tiktok_ads}`)).ids).toEqual(['L1'])
    expect(await list(`${G}&sourceType=referral&channel=${channel.tiktok_ads}`)).toMatchObject({ ids: [], total: 0 })
  })

  it('assignee: ids, "none" for unassigned, or both', async () => {
    expect((await list(`${G}&assignee=${user.sales}`)).ids.sort()).toEqual(['L1', 'L5'])
    expect((await list(`${G}&assignee=none`)).ids).toEqual(['L3'])
    expect((await list(`${G}&assignee=none,${user.admin2}`)).ids.sort()).toEqual(['L3', 'L4'])
  })

  it('school: the start of its name, any case; combined with other filters', async () => {
    expect((await list(`${G}&school=sma uji nusantara`)).ids.sort()).toEqual(['L1', 'L2', 'L5'])
    expect((await list(`${G}&school=SMA Uji Nusantara 1&stage=${stage.negotiation}`)).ids).toEqual(['L5'])
    expect((await list(`${G}&school=Nusantara`)).ids).toEqual([])
    // LIKE wildcards are taken literally.
    expect((await list(`${G}&school=${encodeURIComponent('SMA%')}`)).ids).toEqual([])
  })

  it('created date range in Jakarta days: 23:59:59 WIB is the 1st, 00:00 WIB the 2nd', async () => {
    expect((await list(`${G}&createdTo=2025-03-01`)).ids).toEqual(['L1'])
    expect((await list(`${G}&createdFrom=2025-03-02&createdTo=2025-03-02&sort=createdAt&dir=asc`)).ids).toEqual(['L2', 'L3'])
    expect((await list(`${G}&createdFrom=2025-03-04`)).ids).toEqual(['L6', 'L5'])
    const bad = await call('GET', `/api/leads?createdFrom=2025-03-05&createdTo=2025-03-01`, { token: admin })
    expect(bad.status).toBe(400)
    expect(bad.body.data.fieldErrors.createdTo).toBeDefined()
  })

  it('next follow-up: overdue, today and this week in Jakarta, none', async () => {
    const WIB = 7 * 3_600_000
    const todayStart = Math.floor((Date.now() + WIB) / DAY) * DAY - WIB
    const weekStart = todayStart - ((new Date(todayStart + WIB).getUTCDay() + 6) % 7) * DAY
    const expected = (test: (t: number) => boolean) => Object.entries(next).filter(([, t]) => t !== null && test(t)).map(([k]) => k).sort()
    expect((await list(`${G}&next=overdue`)).ids.sort()).toEqual(expected(t => t < Date.now()))
    expect((await list(`${G}&next=today`)).ids.sort()).toEqual(expected(t => t >= todayStart && t < todayStart + DAY))
    expect((await list(`${G}&next=week`)).ids.sort()).toEqual(expected(t => t >= weekStart && t < weekStart + 7 * DAY))
    expect((await list(`${G}&next=none`)).ids.sort()).toEqual(['L1', 'L3', 'L6'])
    expect((await list(`${G}&next=overdue,none`)).ids.sort()).toEqual(['L1', 'L2', 'L3', 'L6'])
  })

  it('q: start of the student\'s, the parent\'s (with or without Bapak/Ibu) or the school\'s name', async () => {
    expect((await list(`${G}&q=ayu`)).ids).toEqual(['L2'])
    expect((await list(`${G}&q=Hartono`)).ids).toEqual(['L1'])
    expect((await list(`${G}&q=${encodeURIComponent('Ibu Sekar')}`)).ids).toEqual(['L2'])
    expect((await list(`${G}&q=Rina`)).ids).toEqual(['L5'])
    expect((await list(`${G}&q=${encodeURIComponent('SMP Uji')}`)).ids).toEqual(['L4'])
    expect((await list(`${G}&q=${encodeURIComponent('SMA Uji Nusantara 1')}&sort=studentName&dir=asc`)).ids).toEqual(['L5', 'L1'])
    expect((await list(`${G}&q=${encodeURIComponent('SMA Uji')}&stage=${stage.prospect}`)).ids).toEqual(['L1'])
    expect(await list(`${G}&q=Tidakada`)).toMatchObject({ ids: [], total: 0 })
  })

  it('q: a WhatsApp number in any Indonesian format, found through the blind index', async () => {
    for (const q of ['0815-5000-0002', '+62 815 5000 0002', '6281550000002', '081550000002']) {
      const res = await list(`q=${encodeURIComponent(q)}`)
      expect(res.ids, q).toEqual(['L2'])
      expect(res.items[0].whatsapp).toBe('0815-5000-0002')
    }
  })

  it('items carry the shape of a table row', async () => {
    const { items } = await list(`${G}&stage=${stage.prospect}`)
    expect(items[0]).toEqual({
      id: L.L1, studentName: 'Zaki Uji', parentName: 'Bapak Hartono Uji', school: 'SMA Uji Nusantara 1', grade: 'UJI-A', city: 'Bogor',
      whatsapp: '0815-5000-0001', email: null,
      channel: { id: channel.tiktok_ads, name: 'TikTok Ads', sourceType: 'ads' }, program: { id: program['UTBK-INT'], name: 'Intensif UTBK-SNBT' },
      stage: { id: stage.prospect, code: 'prospect', name: 'Prospek', kind: 'open', probability: 10 },
      followUpStatus: 'new', assignedTo: { id: user.sales, name: 'Budi Sales' }, expectedValue: 1_000_000,
      nextFollowUpAt: null, lastActivityAt: null, createdAt: '2025-03-01T16:59:59.000Z', updatedAt: expect.any(String),
    })
  })

  it('each item holds the same values as the lead\'s detail (the list reads its rows with a statement of its own)', async () => {
    const { items } = await list(G)
    expect(items.length).toBeGreaterThanOrEqual(6)
    for (const item of items) {
      const detail = await call('GET', `/api/leads/${item.id}`, { token: admin })
      expect(detail.status).toBe(200)
      expect(item).toEqual(Object.fromEntries(Object.keys(item).map(k => [k, detail.body[k]])))
    }
  })

  it('bad parameters are a 400 with field errors', async () => {
    for (const [query, field] of [['sort=phone', 'sort'], ['dir=up', 'dir'], ['pageSize=20', 'pageSize'], ['page=0', 'page'], ['stage=abc', 'stage'],
      ['followUp=maybe', 'followUp'], ['sourceType=tv', 'sourceType'], ['assignee=someone', 'assignee'], ['createdFrom=2025-13-01', 'createdFrom'], ['next=later', 'next']]) {
      const res = await call('GET', `/api/leads?${query}`, { token: admin })
      expect(res.status, query).toBe(400)
      expect(res.body.data.fieldErrors[field!], query).toBeDefined()
    }
  })
})

describe('GET /api/leads sorting', () => {
  it('stage in pipeline order, both ways', async () => {
    expect((await list(`${G}&sort=stage&dir=asc`)).ids).toEqual(['L1', 'L2', 'L4', 'L5', 'L3', 'L6'])
    expect((await list(`${G}&sort=stage&dir=desc`)).ids).toEqual(['L6', 'L3', 'L5', 'L4', 'L2', 'L1'])
  })

  it('assignee by name, unassigned last either way', async () => {
    expect((await list(`${G}&sort=assignedTo&dir=asc`)).ids).toEqual(['L1', 'L5', 'L2', 'L6', 'L4', 'L3'])
    expect((await list(`${G}&sort=assignedTo&dir=desc`)).ids).toEqual(['L4', 'L6', 'L2', 'L5', 'L1', 'L3'])
  })

  it('channel and program by name; empty values last', async () => {
    expect((await list(`${G}&sort=channel&dir=asc`)).ids).toEqual(['L4', 'L5', 'L2', 'L1', 'L6', 'L3'])
    expect((await list(`${G}&sort=program&dir=asc`)).ids).toEqual(['L1', 'L5', 'L2', 'L4', 'L3', 'L6'])
  })

  it('next follow-up soonest first with the empty ones last, and the other way round', async () => {
    expect((await list(`${G}&sort=nextFollowUpAt&dir=asc`)).ids).toEqual(['L2', 'L4', 'L5', 'L1', 'L3', 'L6'])
    expect((await list(`${G}&sort=nextFollowUpAt&dir=desc`)).ids).toEqual(['L5', 'L4', 'L2', 'L6', 'L3', 'L1'])
  })

  it('every other column, in the requested direction', async () => {
    const value = (item: any, sort: string) => ({ assignedTo: item.assignedTo?.name, channel: item.channel?.name, program: item.program?.name, stage: item.stage.id } as any)[sort] ?? item[sort]
    for (const sort of ['studentName', 'parentName', 'school', 'grade', 'city', 'followUpStatus', 'expectedValue', 'lastActivityAt', 'createdAt', 'updatedAt']) {
      for (const dir of ['asc', 'desc']) {
        const { items, total } = await list(`${G}&sort=${sort}&dir=${dir}`)
        expect(total).toBe(6)
        const values = items.map(i => value(i, sort))
        const present = values.filter(v => v !== null && v !== undefined)
        // Empty values come last, in both directions.
        expect(values.slice(present.length).every(v => v === null || v === undefined), `${sort} ${dir}`).toBe(true)
        const order = sort === 'followUpStatus' ? ['new', 'contacted', 'no_response', 'scheduled', 'done'] : null
        const key = (v: any) => (order ? order.indexOf(v) : typeof v === 'string' ? v.toLowerCase() : v)
        const sorted = [...present].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
        expect(present, `${sort} ${dir}`).toEqual(dir === 'asc' ? sorted : sorted.reverse())
      }
    }
    expect((await list(`${G}&sort=school&dir=asc`)).ids).toEqual(['L6', 'L1', 'L5', 'L2', 'L4', 'L3'])
  })

  it('the default is newest first', async () => {
    const { items, total } = await list('')
    expect(total).toBe(await db.$count(leads, isNull(leads.deletedAt)))
    const times = items.map(i => i.createdAt)
    expect(times).toEqual([...times].sort().reverse())
  })
})

describe('GET /api/leads pagination', () => {
  beforeAll(async () => {
    const stages = [stage.prospect, stage.follow_up, stage.interested, stage.won, stage.lost]
    const people = [user.sales, user.sales2, null]
    for (let i = 0; i < 30; i++) {
      const res = await call('POST', '/api/leads', {
        token: admin,
        body: { studentName: `Halaman Uji ${String(i).padStart(2, '0')}`, grade: 'UJI-P', stageId: stages[i % 5], assignedTo: people[i % 3], school: i % 4 ? `SMA Halaman ${i % 7}` : null },
      })
      expect(res.status).toBe(201)
    }
  })

  it('pages of 25, 50 and 100 with the total', async () => {
    const p1 = await list('grade=UJI-P&sort=studentName&dir=asc')
    expect(p1.total).toBe(30)
    expect(p1.items).toHaveLength(25)
    expect(p1.items[0].studentName).toBe('Halaman Uji 00')
    const p2 = await list('grade=UJI-P&sort=studentName&dir=asc&page=2')
    expect(p2.items.map(i => i.studentName)).toEqual(['Halaman Uji 25', 'Halaman Uji 26', 'Halaman Uji 27', 'Halaman Uji 28', 'Halaman Uji 29'])
    expect(await list('grade=UJI-P&page=3')).toMatchObject({ ids: [], total: 30 })
    expect((await list('grade=UJI-P&pageSize=50')).items).toHaveLength(30)
    expect((await list('grade=UJI-P&pageSize=100')).items).toHaveLength(30)
  })

  it('pages of a segmented order join up exactly (stage, assignee, school with empty values)', async () => {
    for (const sort of ['stage', 'assignedTo', 'school', 'channel']) {
      for (const dir of ['asc', 'desc']) {
        const all = await list(`grade=UJI-P&sort=${sort}&dir=${dir}&pageSize=100`)
        const pages = [...(await list(`grade=UJI-P&sort=${sort}&dir=${dir}`)).items, ...(await list(`grade=UJI-P&sort=${sort}&dir=${dir}&page=2`)).items]
        expect(pages.map(i => i.id), `${sort} ${dir}`).toEqual(all.items.map(i => i.id))
        expect(new Set(pages.map(i => i.id)).size).toBe(30)
      }
    }
  })
})

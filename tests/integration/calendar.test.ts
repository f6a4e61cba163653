import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { users } from '../../server/db/schema'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

const { db, pool } = testDb()
afterAll(() => pool.end())

let sales: string
let sales2: string
let admin: string
let manager: string
let owner: string
const user: Record<string, number> = {}
const lead: Record<string, number> = {}

interface Item { key: string, kind: string, id: number, at: string, title: string, editable: boolean, user: { id: number } | null }
const keys = (items: Item[]) => items.map(i => i.key)

beforeAll(async () => {
  ;[sales, sales2, admin, manager, owner] = await Promise.all([
    login('sales@demo.test'), login('sales2@demo.test'), login('admin@demo.test'), login('manager@demo.test'), login('owner@demo.test'),
  ])
  for (const u of await db.select().from(users)) user[u.email.split('@')[0]!] = u.id
  const make = async (name: string, assignedTo: number, nextFollowUpAt: string) => {
    const res = await call('POST', '/api/leads', { token: admin, body: { studentName: name, assignedTo, nextFollowUpAt } })
    expect(res.status).toBe(201)
    lead[name] = res.body.id
  }
  // Just after midnight in Jakarta is still 30 November in UTC.
  await make('Awal Desember', user.sales!, '2035-12-01T00:30:00+07:00')
  await make('Akhir November', user.sales!, '2035-11-30T23:59:00+07:00')
  await make('Akhir Desember', user.sales!, '2035-12-31T23:30:00+07:00')
  await make('Awal Januari', user.sales!, '2036-01-01T00:00:00+07:00')
  await make('Milik Putri', user.sales2!, '2035-12-02T10:00:00+07:00')
})

describe('GET /api/calendar', () => {
  it('buckets by Jakarta days: a follow-up at 00:30 WIB on Dec 1 belongs to Dec 1, both ends inclusive', async () => {
    const { body: todo } = await call('POST', '/api/todos', { token: sales, body: { title: 'To-do kalender', dueAt: '2035-12-01T07:00:00+07:00' } })
    const dec1 = await call<{ items: Item[] }>('GET', '/api/calendar?from=2035-12-01&to=2035-12-01', { token: sales })
    expect(dec1.status).toBe(200)
    expect(keys(dec1.body.items)).toEqual([`follow_up-${lead['Awal Desember']}`, `todo-${todo.id}`])
    expect(dec1.body.items[0]).toMatchObject({ kind: 'follow_up', title: 'Awal Desember', at: '2035-11-30T17:30:00.000Z', editable: true, user: { id: user.sales } })
    expect(dec1.body.items[1]).toMatchObject({ kind: 'todo', title: 'To-do kalender', editable: true })

    const nov30 = await call<{ items: Item[] }>('GET', '/api/calendar?from=2035-11-30&to=2035-11-30', { token: sales })
    expect(keys(nov30.body.items)).toEqual([`follow_up-${lead['Akhir November']}`])

    const december = await call<{ items: Item[] }>('GET', '/api/calendar?from=2035-12-01&to=2035-12-31', { token: sales })
    const titles = december.body.items.filter(i => i.kind === 'follow_up').map(i => i.title)
    expect(titles).toEqual(['Awal Desember', 'Akhir Desember'])
  })

  it('shows a Sales/CS only their own, and refuses another user\'s or everyone\'s with 403', async () => {
    const mine = await call<{ items: Item[] }>('GET', '/api/calendar?from=2035-12-01&to=2035-12-07', { token: sales2 })
    expect(mine.body.items.filter(i => i.kind === 'follow_up').map(i => i.title)).toEqual(['Milik Putri'])
    expect((await call('GET', `/api/calendar?from=2035-12-01&to=2035-12-07&user=${user.sales2}`, { token: sales2 })).status).toBe(200)
    expect((await call('GET', `/api/calendar?from=2035-12-01&to=2035-12-07&user=${user.sales}`, { token: sales2 })).status).toBe(403)
    expect((await call('GET', '/api/calendar?from=2035-12-01&to=2035-12-07&user=all', { token: sales2 })).status).toBe(403)
    // Admin sees every lead, but the calendar filter is for Managers and the Owner.
    expect((await call('GET', `/api/calendar?from=2035-12-01&to=2035-12-07&user=${user.sales}`, { token: admin })).status).toBe(403)
  })

  it('lets Managers and the Owner see one user\'s follow-ups and to-dos (read-only to-dos), or everyone\'s follow-ups', async () => {
    for (const token of [manager, owner]) {
      const budi = await call<{ items: Item[], user: { id: number } }>('GET', `/api/calendar?from=2035-12-01&to=2035-12-01&user=${user.sales}`, { token })
      expect(budi.status).toBe(200)
      expect(budi.body.user.id).toBe(user.sales)
      expect(budi.body.items.map(i => [i.kind, i.editable])).toEqual([['follow_up', true], ['todo', false]])

      const everyone = await call<{ items: Item[], user: null }>('GET', '/api/calendar?from=2035-12-01&to=2035-12-02&user=all', { token })
      expect(everyone.body.user).toBeNull()
      expect(everyone.body.items.every(i => i.kind === 'follow_up')).toBe(true)
      expect(everyone.body.items.map(i => i.title)).toEqual(expect.arrayContaining(['Awal Desember', 'Milik Putri']))
    }
    expect((await call('GET', '/api/calendar?from=2035-12-01&to=2035-12-01&user=999999', { token: manager })).status).toBe(404)
  })

  it('validates the range', async () => {
    const backwards = await call('GET', '/api/calendar?from=2035-12-10&to=2035-12-01', { token: sales })
    expect(backwards.status).toBe(400)
    expect(backwards.body.data.fieldErrors.to).toBeDefined()
    expect((await call('GET', '/api/calendar?from=2035-01-01&to=2035-12-31', { token: sales })).status).toBe(400)
    expect((await call('GET', '/api/calendar?from=1-12-2035&to=2035-12-31', { token: sales })).status).toBe(400)
    expect((await call('GET', '/api/calendar?from=2035-12-01&to=2035-12-31')).status).toBe(401)
  })

  it('moves with the lead PATCH and leaves a lead out of scope alone', async () => {
    const moved = await call('PATCH', `/api/leads/${lead['Akhir November']}`, { token: sales, body: { nextFollowUpAt: '2035-12-01T09:00:00+07:00' } })
    expect(moved.status).toBe(200)
    const dec1 = await call<{ items: Item[] }>('GET', '/api/calendar?from=2035-12-01&to=2035-12-01', { token: sales })
    expect(dec1.body.items.map(i => i.title)).toContain('Akhir November')
    expect((await call('PATCH', `/api/leads/${lead['Milik Putri']}`, { token: sales, body: { nextFollowUpAt: '2035-12-01T09:00:00+07:00' } })).status).toBe(404)
    const putri = await call<{ items: Item[] }>('GET', '/api/calendar?from=2035-12-02&to=2035-12-02', { token: sales2 })
    expect(putri.body.items.filter(i => i.kind === 'follow_up').map(i => i.title)).toEqual(['Milik Putri'])
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

const { pool } = testDb()
const PREF = '/api/me/preferences/leads.columns'
const stamp = Date.now().toString(36)
let mine: string
let theirs: string

beforeAll(async () => {
  mine = await login('admin3@demo.test')
  theirs = await login('sales3@demo.test')
  // Start clean whatever an earlier run left behind.
  for (const token of [mine, theirs]) {
    const { body } = await call('GET', '/api/me/views?page=leads', { token })
    for (const view of body) await call('DELETE', `/api/me/views/${view.id}`, { token })
  }
})

afterAll(async () => {
  await pool.end()
})

describe('/api/me/preferences/:key', () => {
  it('needs a session', async () => {
    expect((await call('GET', PREF)).status).toBe(401)
    expect((await call('PUT', PREF, { body: { value: {} } })).status).toBe(401)
  })

  it('stores a value per user: upserted, read back, and never another user\'s', async () => {
    const first = { order: ['studentName', 'channel'], hidden: ['school'], at: 1 }
    const put = await call('PUT', PREF, { token: mine, body: { value: first } })
    expect(put.status).toBe(200)
    expect(put.body).toEqual({ value: first })
    expect((await call('GET', PREF, { token: mine })).body).toEqual({ value: first })

    const second = { order: [], hidden: ['city'], at: 2 }
    expect((await call('PUT', PREF, { token: mine, body: { value: second } })).status).toBe(200)
    expect((await call('GET', PREF, { token: mine })).body).toEqual({ value: second })

    // One row per user and key: the second PUT replaced the first.
    const [rows] = await pool.query('SELECT COUNT(*) AS n FROM user_preferences p JOIN users u ON u.id = p.user_id WHERE u.email = ? AND p.`key` = ?', ['admin3@demo.test', 'leads.columns'])
    expect(Number((rows as { n: number }[])[0]!.n)).toBe(1)

    // The other user has nothing of theirs yet, and writing theirs leaves mine alone.
    expect((await call('GET', PREF, { token: theirs })).body).toEqual({ value: null })
    await call('PUT', PREF, { token: theirs, body: { value: { hidden: [] } } })
    expect((await call('GET', PREF, { token: theirs })).body).toEqual({ value: { hidden: [] } })
    expect((await call('GET', PREF, { token: mine })).body).toEqual({ value: second })
  })

  it('answers 400 for a key not on the allow-list', async () => {
    for (const method of ['GET', 'PUT']) {
      const res = await call(method, '/api/me/preferences/leads.secret', { token: mine, body: method === 'PUT' ? { value: {} } : undefined })
      expect(res.status, method).toBe(400)
      expect(res.body.data.fieldErrors.key).toBeTruthy()
    }
  })

  it('answers 400 for a value that is not an object, or weighs more than 8 KB', async () => {
    for (const value of [null, 'x', 12, ['a'], undefined]) {
      const res = await call('PUT', PREF, { token: mine, body: { value } })
      expect(res.status, JSON.stringify(value)).toBe(400)
      expect(res.body.data.fieldErrors.value).toBeTruthy()
    }
    const big = await call('PUT', PREF, { token: mine, body: { value: { blob: 'x'.repeat(8 * 1024) } } })
    expect(big.status).toBe(400)
    expect(big.body.data.fieldErrors.value).toBeTruthy()
    // Just under the limit is fine.
    const ok = await call('PUT', PREF, { token: mine, body: { value: { blob: 'x'.repeat(8 * 1024 - 20) } } })
    expect(ok.status).toBe(200)
  })
})

describe('/api/me/views', () => {
  const query = { q: 'budi', stage: '3,4', sort: 'studentName', dir: 'asc' }

  it('needs a session', async () => {
    expect((await call('GET', '/api/me/views?page=leads')).status).toBe(401)
    expect((await call('POST', '/api/me/views', { body: { page: 'leads', name: 'x', query: {} } })).status).toBe(401)
  })

  it('saves, lists (by name) and deletes the user\'s own views', async () => {
    const b = await call('POST', '/api/me/views', { token: mine, body: { page: 'leads', name: `  Beta ${stamp} `, query } })
    expect(b.status).toBe(201)
    expect(b.body).toMatchObject({ id: expect.any(Number), page: 'leads', name: `Beta ${stamp}`, query })
    const a = await call('POST', '/api/me/views', { token: mine, body: { page: 'leads', name: `Alfa ${stamp}`, query: {} } })
    expect(a.status).toBe(201)

    const list = await call('GET', '/api/me/views?page=leads', { token: mine })
    expect(list.status).toBe(200)
    expect(list.body.map((v: any) => v.name)).toEqual([`Alfa ${stamp}`, `Beta ${stamp}`])
    expect(list.body[1]).toEqual({ id: b.body.id, page: 'leads', name: `Beta ${stamp}`, query, createdAt: expect.any(String) })

    expect((await call('DELETE', `/api/me/views/${a.body.id}`, { token: mine })).status).toBe(204)
    expect((await call('GET', '/api/me/views?page=leads', { token: mine })).body.map((v: any) => v.id)).toEqual([b.body.id])
    expect((await call('DELETE', `/api/me/views/${a.body.id}`, { token: mine })).status).toBe(404)
  })

  it('never shows, nor deletes, another user\'s view: it is a 404', async () => {
    const own = await call('POST', '/api/me/views', { token: mine, body: { page: 'leads', name: `Milikku ${stamp}`, query } })
    expect(own.status).toBe(201)
    expect((await call('GET', '/api/me/views?page=leads', { token: theirs })).body.some((v: any) => v.id === own.body.id)).toBe(false)
    const res = await call('DELETE', `/api/me/views/${own.body.id}`, { token: theirs })
    expect(res.status).toBe(404)
    expect((await call('GET', '/api/me/views?page=leads', { token: mine })).body.some((v: any) => v.id === own.body.id)).toBe(true)
  })

  it('answers 409 with a field error for a name the user already uses on that page; another user may use it', async () => {
    const name = `Kembar ${stamp}`
    expect((await call('POST', '/api/me/views', { token: mine, body: { page: 'leads', name, query } })).status).toBe(201)
    for (const dup of [name, name.toUpperCase(), ` ${name}  `]) {
      const res = await call('POST', '/api/me/views', { token: mine, body: { page: 'leads', name: dup, query: {} } })
      expect(res.status, dup).toBe(409)
      expect(res.body.data.fieldErrors.name).toBeTruthy()
    }
    expect((await call('POST', '/api/me/views', { token: theirs, body: { page: 'leads', name, query } })).status).toBe(201)
  })

  it('answers 400 for a bad page, name or query', async () => {
    const bad: [string, unknown][] = [
      ['page', { page: 'nope', name: 'x', query: {} }],
      ['name', { page: 'leads', name: '   ', query: {} }],
      ['name', { page: 'leads', name: 'x'.repeat(81), query: {} }],
      ['query', { page: 'leads', name: 'x', query: { q: 1 } }],
      ['query', { page: 'leads', name: 'x', query: 'q=1' }],
    ]
    for (const [field, body] of bad) {
      const res = await call('POST', '/api/me/views', { token: mine, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.data.fieldErrors[field], JSON.stringify(body)).toBeTruthy()
    }
    expect((await call('GET', '/api/me/views?page=nope', { token: mine })).status).toBe(400)
    expect((await call('DELETE', '/api/me/views/abc', { token: mine })).status).toBe(400)
  })
})

describe('/api/me (unchanged)', () => {
  it('still answers the profile', async () => {
    const res = await call('GET', '/api/me', { token: mine })
    expect(res.status).toBe(200)
    expect(res.body.email).toBe('admin3@demo.test')
  })
})

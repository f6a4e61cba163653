import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { leads, users } from '../../server/db/schema'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

const { db, pool } = testDb()
afterAll(() => pool.end())

let admin: string
let sales: string
let sales2: string
const user: Record<string, number> = {}

beforeAll(async () => {
  ;[admin, sales, sales2] = await Promise.all([login('admin@demo.test'), login('sales@demo.test'), login('sales2@demo.test')])
  for (const u of await db.select().from(users)) user[u.email.split('@')[0]!] = u.id
})

/** The same number the ways people type it. */
const FORMATS = ['0813-3000-1001', '+62 813 3000 1001', '6281330001001', '(0813) 3000 1001', '0062 813-3000-1001', '081330001001']

describe('one WhatsApp number, one lead', () => {
  let first: { id: number, studentName: string }

  beforeAll(async () => {
    const res = await call('POST', '/api/leads', { token: admin, body: { studentName: 'Pemilik Nomor', whatsapp: '0813-3000-1001', assignedTo: user.sales } })
    expect(res.status).toBe(201)
    first = res.body
  })

  it('refuses the number in any Indonesian format with 409, naming the lead', async () => {
    const before = await db.$count(leads)
    for (const whatsapp of FORMATS) {
      const res = await call('POST', '/api/leads', { token: admin, body: { studentName: 'Calon Duplikat', whatsapp } })
      expect(res.status, whatsapp).toBe(409)
      expect(res.body.data).toEqual({
        fieldErrors: { whatsapp: ['Nomor sudah dimiliki Pemilik Nomor'] },
        duplicate: { id: first.id, studentName: 'Pemilik Nomor' },
      })
    }
    expect(await db.$count(leads)).toBe(before)
  })

  it('saves the duplicate when the user chooses to', async () => {
    const res = await call('POST', '/api/leads', { token: admin, body: { studentName: 'Adik Pemilik Nomor', whatsapp: '+62 813 3000 1001', allowDuplicate: true } })
    expect(res.status).toBe(201)
    expect(res.body.whatsapp).toBe('0813-3000-1001')
  })

  it('check-phone gives the normalised number and the lead it belongs to, for the live form hint', async () => {
    for (const whatsapp of FORMATS) {
      const res = await call('GET', `/api/leads/check-phone?whatsapp=${encodeURIComponent(whatsapp)}`, { token: admin })
      expect(res.status).toBe(200)
      expect(res.body).toEqual({ normalized: '+6281330001001', duplicate: { id: first.id, studentName: 'Pemilik Nomor' }, taken: true })
    }
    const free = await call('GET', '/api/leads/check-phone?whatsapp=0813-3000-9999', { token: admin })
    expect(free.body).toEqual({ normalized: '+6281330009999', duplicate: null, taken: false })
    const bad = await call('GET', '/api/leads/check-phone?whatsapp=12ab', { token: admin })
    expect(bad.status).toBe(400)
    expect(bad.body.data.fieldErrors.whatsapp).toBeDefined()
  })

  it('a Sales/CS user learns the number is taken, but not by whom, when the lead is not theirs', async () => {
    const hidden = await call('POST', '/api/leads', { token: sales2, body: { studentName: 'Punya Putri', whatsapp: '0813 3000 1001' } })
    expect(hidden.status).toBe(409)
    expect(hidden.body.data).toEqual({ fieldErrors: { whatsapp: ['Nomor sudah dimiliki prospek lain'] }, duplicate: null })
    expect(JSON.stringify(hidden.body)).not.toContain('Pemilik Nomor')
    const check = await call('GET', '/api/leads/check-phone?whatsapp=081330001001', { token: sales2 })
    expect(check.body).toEqual({ normalized: '+6281330001001', duplicate: null, taken: true })
    // Budi owns the lead: he sees it.
    const own = await call('GET', '/api/leads/check-phone?whatsapp=081330001001', { token: sales })
    expect(own.body.duplicate).toEqual({ id: first.id, studentName: 'Pemilik Nomor' })
  })

  it('an edit to a taken number is refused the same way; the lead\'s own number is not a duplicate of itself', async () => {
    const other = await call('POST', '/api/leads', { token: admin, body: { studentName: 'Nomor Lain', whatsapp: '0813-3000-2002' } })
    const clash = await call('PATCH', `/api/leads/${other.body.id}`, { token: admin, body: { whatsapp: '62813-3000-1001' } })
    expect(clash.status).toBe(409)
    expect(clash.body.data.duplicate).toEqual({ id: first.id, studentName: 'Pemilik Nomor' })
    const [row] = await db.select().from(leads).where(eq(leads.id, other.body.id))
    expect(row!.phoneLast4).toBe('2002')
    expect((await call('PATCH', `/api/leads/${other.body.id}`, { token: admin, body: { whatsapp: '+6281330002002', studentName: 'Nomor Lain Sekali' } })).status).toBe(200)
    const self = await call('GET', `/api/leads/check-phone?whatsapp=081330002002&exceptId=${other.body.id}`, { token: admin })
    expect(self.body.taken).toBe(false)
    expect((await call('PATCH', `/api/leads/${other.body.id}`, { token: admin, body: { whatsapp: '0813-3000-1001', allowDuplicate: true } })).status).toBe(200)
  })

  it('a deleted lead no longer holds its number', async () => {
    const gone = await call('POST', '/api/leads', { token: admin, body: { studentName: 'Akan Dihapus', whatsapp: '0813-3000-3003' } })
    expect((await call('DELETE', `/api/leads/${gone.body.id}`, { token: admin })).status).toBe(204)
    const res = await call('POST', '/api/leads', { token: admin, body: { studentName: 'Pemilik Baru', whatsapp: '0813-3000-3003' } })
    expect(res.status).toBe(201)
  })
})

import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { normalizePhoneId } from '#shared/utils/phone'
import { leads, pipelineStages, users } from '../../server/db/schema'
import { testDb } from '../support/db'
import { call, login } from '../support/http'
import { TEST_ENV } from '../support/env'
import { parseEnv } from '../../server/utils/env'
import { blindIndex, encryptField } from '../../server/utils/crypto'

const { db, pool } = testDb()
const env = parseEnv(TEST_ENV)
let mine: number
let theirs: number
let deleted: number

beforeAll(async () => {
  const [stage] = await db.select().from(pipelineStages).where(eq(pipelineStages.code, 'prospect'))
  const [sales] = await db.select().from(users).where(eq(users.email, 'sales@demo.test'))
  const [sales2] = await db.select().from(users).where(eq(users.email, 'sales2@demo.test'))
  const phone = normalizePhoneId('0812-1111-2222')!
  const base = { stageId: stage!.id, phoneEnc: encryptField(phone, env.ENCRYPTION_KEYS), phoneBidx: blindIndex(phone, env.BLIND_INDEX_KEY), phoneLast4: '2222' }
  ;[{ id: mine }] = await db.insert(leads).values({ ...base, studentName: 'Siti Milik Budi', assignedTo: sales!.id }).$returningId() as [{ id: number }]
  ;[{ id: theirs }] = await db.insert(leads).values({ ...base, studentName: 'Rina Milik Putri', assignedTo: sales2!.id }).$returningId() as [{ id: number }]
  ;[{ id: deleted }] = await db.insert(leads).values({ ...base, studentName: 'Terhapus', assignedTo: sales!.id, deletedAt: new Date() }).$returningId() as [{ id: number }]
})
afterAll(() => pool.end())

describe('lead row scope', () => {
  it('Sales/CS see their own lead, with the number decrypted', async () => {
    const token = await login('sales@demo.test')
    const res = await call('GET', `/api/leads/${mine}`, { token })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ studentName: 'Siti Milik Budi', phone: '+6281211112222', stage: { code: 'prospect' } })
  })

  it('a lead assigned to someone else answers 404, the same as one that does not exist', async () => {
    const token = await login('sales@demo.test')
    const out = await call('GET', `/api/leads/${theirs}`, { token })
    const missing = await call('GET', '/api/leads/987654321', { token })
    expect(out.status).toBe(404)
    expect(missing.status).toBe(404)
    expect(out.body.message).toBe(missing.body.message)
  })

  it('Admin and Manager see every lead; nobody sees a soft-deleted one', async () => {
    for (const email of ['admin@demo.test', 'manager@demo.test']) {
      const token = await login(email)
      expect((await call('GET', `/api/leads/${theirs}`, { token })).status).toBe(200)
      expect((await call('GET', `/api/leads/${deleted}`, { token })).status).toBe(404)
    }
  })

  it('stores the number encrypted, findable only through the blind index', async () => {
    const [row] = await db.select().from(leads).where(eq(leads.id, mine))
    expect(row!.phoneEnc).not.toContain('81211112222')
    expect(row!.phoneBidx!.equals(blindIndex(normalizePhoneId('+62 812 1111 2222')!, env.BLIND_INDEX_KEY))).toBe(true)
  })
})

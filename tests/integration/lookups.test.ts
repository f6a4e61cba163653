import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BASE_CHANNELS, BASE_STAGES } from '../../server/db/seed/base'
import { channels, programs, users } from '../../server/db/schema'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

const { db, pool } = testDb()
const stamp = Date.now().toString(36)
let inactiveProgram: number
let inactiveChannel: number
let leaver: number
let onLeave: number

beforeAll(async () => {
  ;[{ id: inactiveProgram }] = await db.insert(programs).values({ code: `OLD-${stamp}`, name: `Program Lama ${stamp}`, level: 'SMA', price: 1_000_000, active: false }).$returningId() as [{ id: number }]
  ;[{ id: inactiveChannel }] = await db.insert(channels).values({ code: `old_${stamp}`, name: `Kanal Lama ${stamp}`, sourceType: 'ads', active: false }).$returningId() as [{ id: number }]
  ;[{ id: leaver }] = await db.insert(users).values({ name: `Keluar ${stamp}`, email: `keluar-${stamp}@demo.test`, passwordHash: 'x', role: 'sales', active: false }).$returningId() as [{ id: number }]
  ;[{ id: onLeave }] = await db.insert(users).values({ name: `Cuti ${stamp}`, email: `cuti-${stamp}@demo.test`, passwordHash: 'x', role: 'admin', onLeave: true, capacity: 90 }).$returningId() as [{ id: number }]
})

afterAll(async () => {
  await db.delete(programs).where(eq(programs.id, inactiveProgram))
  await db.delete(channels).where(eq(channels.id, inactiveChannel))
  await db.delete(users).where(inArray(users.id, [leaver, onLeave]))
  await pool.end()
})

describe('GET /api/lookups', () => {
  it('needs a session', async () => {
    expect((await call('GET', '/api/lookups')).status).toBe(401)
  })

  it('answers every role, Sales/CS included, with the same lists', async () => {
    const bodies = []
    for (const email of ['owner@demo.test', 'manager@demo.test', 'admin@demo.test', 'sales@demo.test']) {
      const res = await call('GET', '/api/lookups', { token: await login(email) })
      expect(res.status, email).toBe(200)
      bodies.push(res.body)
    }
    for (const body of bodies.slice(1)) expect(body).toEqual(bodies[0])
  })

  it('lists active stages in pipeline order and channels in their sort order', async () => {
    const { body } = await call('GET', '/api/lookups', { token: await login('sales@demo.test') })
    expect(body.stages.map((s: any) => s.code)).toEqual(BASE_STAGES.map(s => s.code))
    expect(body.stages[0]).toMatchObject({ name: 'Prospek', kind: 'open', probability: 10, color: 'neutral' })
    expect(body.channels.map((c: any) => c.code)).toEqual(BASE_CHANNELS.map(c => c.code))
    expect(body.channels.find((c: any) => c.code === 'tiktok_ads')).toMatchObject({ name: 'TikTok Ads', sourceType: 'ads' })
    expect(body.channels.some((c: any) => c.id === inactiveChannel)).toBe(false)
  })

  it('lists active programs with their price, by name', async () => {
    const { body } = await call('GET', '/api/lookups', { token: await login('admin@demo.test') })
    const names = body.programs.map((p: any) => p.name)
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' })))
    expect(body.programs.find((p: any) => p.code === 'UTBK-INT')).toMatchObject({ level: 'SMA', price: 7_500_000 })
    expect(body.programs.some((p: any) => p.id === inactiveProgram)).toBe(false)
  })

  it('offers active Admin and Sales/CS as assignees, with leave and capacity, never Owner, Manager or a leaver', async () => {
    const { body } = await call('GET', '/api/lookups', { token: await login('sales@demo.test') })
    const roles = new Set(body.assignees.map((a: any) => a.role))
    expect([...roles].sort()).toEqual(['admin', 'sales'])
    const names = body.assignees.map((a: any) => a.name)
    expect(names).toContain('Dewi Admin')
    expect(names).toContain('Budi Sales')
    expect(names).not.toContain('Ibu Ratna Owner')
    expect(names).not.toContain(`Keluar ${stamp}`)
    expect(body.assignees.find((a: any) => a.id === onLeave)).toEqual({ id: onLeave, name: `Cuti ${stamp}`, role: 'admin', onLeave: true, capacity: 90 })
    // Nothing beyond what a colleague may know: no e-mail, phone or password hash.
    expect(Object.keys(body.assignees[0]).sort()).toEqual(['capacity', 'id', 'name', 'onLeave', 'role'])
  })
})

import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { leads, pipelineStages } from '../../server/db/schema'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

const { db, pool } = testDb()
const { insertLead, lastAudit } = catalogHelpers(db)
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
const stageName = (tag: string) => `Uji ${tag} ${Date.now().toString(36)}${++seq}`
const activeIds = async () => (await call('GET', '/api/stages?active=true', { token: owner })).body.map((s: any) => s.id) as number[]

async function createStage(body: Record<string, unknown>, token = manager) {
  const res = await call('POST', '/api/stages', { token, body: { kind: 'open', probability: 40, ...body } })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body
}

/** Stages a test made are switched off again, so other test files see the base pipeline. */
const made: number[] = []
afterAll(async () => {
  await db.update(pipelineStages).set({ active: false }).where(inArray(pipelineStages.id, made.length ? made : [0]))
})

describe('reading stages', () => {
  it('every role reads the stages in board order', async () => {
    for (const token of [owner, manager, admin, sales]) {
      const res = await call('GET', '/api/stages', { token })
      expect(res.status).toBe(200)
      const positions = res.body.map((s: any) => s.position)
      expect(positions).toEqual([...positions].sort((a, b) => a - b))
      expect(res.body.map((s: any) => s.code)).toEqual(expect.arrayContaining(['prospect', 'follow_up', 'interested', 'negotiation', 'won', 'lost']))
      expect(Object.keys(res.body[0]).sort()).toEqual(['active', 'code', 'color', 'id', 'kind', 'name', 'position', 'probability'])
    }
    expect((await call('GET', '/api/stages')).status).toBe(401)
  })

  it('filters on active', async () => {
    const res = await call('GET', '/api/stages?active=true', { token: sales })
    expect(res.body.every((s: any) => s.active)).toBe(true)
    expect((await call('GET', '/api/stages?active=maybe', { token: sales })).status).toBe(400)
  })
})

describe('who may change stages', () => {
  it('Admin and Sales/CS get 403 on every write, and nothing changes', async () => {
    const [first] = (await call('GET', '/api/stages', { token: owner })).body
    const before = await db.$count(pipelineStages)
    for (const token of [admin, sales]) {
      expect((await call('POST', '/api/stages', { token, body: { name: 'Diam-diam', kind: 'open', probability: 10 } })).status).toBe(403)
      expect((await call('PATCH', `/api/stages/${first.id}`, { token, body: { name: 'Diubah' } })).status).toBe(403)
      expect((await call('POST', '/api/stages/reorder', { token, body: { ids: await activeIds() } })).status).toBe(403)
    }
    expect(await db.$count(pipelineStages)).toBe(before)
    const [row] = await db.select().from(pipelineStages).where(eq(pipelineStages.id, first.id))
    expect(row!.name).toBe(first.name)
  })
})

describe('creating and editing', () => {
  it('rejects bad input with field errors and writes nothing', async () => {
    const before = await db.$count(pipelineStages)
    const res = await call('POST', '/api/stages', { token: owner, body: { name: 'X', kind: 'maybe', probability: 150, color: 'pink' } })
    expect(res.status).toBe(400)
    expect(Object.keys(res.body.data.fieldErrors).sort()).toEqual(['color', 'kind', 'name', 'probability'])
    expect((await call('POST', '/api/stages', { token: owner, body: { name: 'Setengah', kind: 'open', probability: 12.5 } })).status).toBe(400)
    expect(await db.$count(pipelineStages)).toBe(before)
  })

  it('adds an open stage after the last open one, with a code and an audit entry', async () => {
    const name = stageName('Survei')
    const stage = await createStage({ name, probability: 60, color: 'info' })
    made.push(stage.id)
    expect(stage).toMatchObject({ name, kind: 'open', probability: 60, color: 'info', active: true })
    expect(stage.code).toMatch(/^uji_survei_/)
    const list = (await call('GET', '/api/stages?active=true', { token: owner })).body
    const kinds = list.map((s: any) => s.kind)
    expect(kinds.lastIndexOf('open')).toBe(list.findIndex((s: any) => s.id === stage.id))
    expect(kinds.indexOf('won')).toBeGreaterThan(kinds.lastIndexOf('open'))
    expect(await lastAudit('pipeline_stage', stage.id)).toMatchObject({ action: 'create', after: { name, probability: 60 } })
  })

  it('refuses a second stage with the same name', async () => {
    const res = await call('POST', '/api/stages', { token: owner, body: { name: 'prospek', kind: 'open', probability: 5 } })
    expect(res.status).toBe(409)
    expect(res.body.data.fieldErrors.name).toBeDefined()
  })

  it('renames and re-weighs a stage, audited as a diff', async () => {
    const stage = await createStage({ name: stageName('Lama') })
    made.push(stage.id)
    const name = stageName('Baru')
    const res = await call('PATCH', `/api/stages/${stage.id}`, { token: manager, body: { name, probability: 55, color: 'warning' } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: stage.id, name, probability: 55, color: 'warning', code: stage.code })
    expect(await lastAudit('pipeline_stage', stage.id)).toMatchObject({ action: 'update', before: { name: stage.name, probability: 40, color: 'neutral' }, after: { name, probability: 55, color: 'warning' } })
  })

  it('answers bad edits with 400 and unknown stages with 404', async () => {
    const stage = await createStage({ name: stageName('Tetap') })
    made.push(stage.id)
    const res = await call('PATCH', `/api/stages/${stage.id}`, { token: owner, body: { probability: 101 } })
    expect(res.status).toBe(400)
    expect(res.body.data.fieldErrors.probability).toBeDefined()
    expect((await call('PATCH', `/api/stages/${stage.id}`, { token: owner, body: {} })).status).toBe(400)
    expect((await db.select().from(pipelineStages).where(eq(pipelineStages.id, stage.id)))[0]!.probability).toBe(40)
    expect((await call('PATCH', '/api/stages/999999', { token: owner, body: { name: 'Tidak Ada' } })).status).toBe(404)
    expect((await call('PATCH', '/api/stages/abc', { token: owner, body: { name: 'Tidak Ada' } })).status).toBe(400)
  })
})

describe('the pipeline keeps an open, a won and a lost stage', () => {
  it('the only won stage cannot become open nor be switched off', async () => {
    const won = (await call('GET', '/api/stages?active=true', { token: owner })).body.filter((s: any) => s.kind === 'won')
    expect(won).toHaveLength(1)
    const toOpen = await call('PATCH', `/api/stages/${won[0].id}`, { token: manager, body: { kind: 'open' } })
    expect(toOpen.status).toBe(400)
    expect(toOpen.body.message).toContain('Menang')
    expect(toOpen.body.data.fieldErrors.kind).toBeDefined()
    const off = await call('PATCH', `/api/stages/${won[0].id}`, { token: manager, body: { active: false } })
    expect(off.status).toBe(400)
    expect(off.body.data.fieldErrors.active).toBeDefined()
    const [row] = await db.select().from(pipelineStages).where(eq(pipelineStages.id, won[0].id))
    expect(row).toMatchObject({ kind: 'won', active: true })
  })

  it('the only lost stage cannot become won', async () => {
    const lost = (await call('GET', '/api/stages?active=true', { token: owner })).body.find((s: any) => s.kind === 'lost')
    const res = await call('PATCH', `/api/stages/${lost.id}`, { token: owner, body: { kind: 'won' } })
    expect(res.status).toBe(400)
    expect(res.body.message).toContain('Kalah')
  })

  it('a second won stage can come and go', async () => {
    const extra = await createStage({ name: stageName('Daftar Ulang'), kind: 'won', probability: 100, color: 'success' })
    made.push(extra.id)
    const res = await call('PATCH', `/api/stages/${extra.id}`, { token: owner, body: { active: false } })
    expect(res.status).toBe(200)
    expect(res.body.active).toBe(false)
    expect(await lastAudit('pipeline_stage', extra.id)).toMatchObject({ action: 'deactivate' })
    expect((await call('PATCH', `/api/stages/${extra.id}`, { token: owner, body: { active: true } })).body.active).toBe(true)
    expect(await lastAudit('pipeline_stage', extra.id)).toMatchObject({ action: 'reactivate' })
  })
})

describe('a stage with leads', () => {
  it('cannot be switched off while it holds leads, counted with the ones in the trash', async () => {
    const stage = await createStage({ name: stageName('Berisi') })
    made.push(stage.id)
    const live = await insertLead({ stageId: stage.id, studentName: 'Masih Di Sini' })
    const trashed = await insertLead({ stageId: stage.id, studentName: 'Di Tempat Sampah', deletedAt: new Date() })
    const res = await call('PATCH', `/api/stages/${stage.id}`, { token: manager, body: { active: false } })
    expect(res.status).toBe(409)
    expect(res.body.data.leads).toBe(2)
    expect(res.body.message).toContain('2 prospek')
    expect((await db.select().from(pipelineStages).where(eq(pipelineStages.id, stage.id)))[0]!.active).toBe(true)

    await db.delete(leads).where(inArray(leads.id, [live, trashed]))
    expect((await call('PATCH', `/api/stages/${stage.id}`, { token: manager, body: { active: false } })).status).toBe(200)
  })
})

describe('reordering', () => {
  it('needs every active stage exactly once', async () => {
    const ids = await activeIds()
    for (const bad of [ids.slice(1), [...ids, 999999], [ids[0], ...ids], []]) {
      const res = await call('POST', '/api/stages/reorder', { token: manager, body: { ids: bad } })
      expect(res.status, JSON.stringify(bad)).toBe(400)
      expect(res.body.data.fieldErrors.ids).toBeDefined()
    }
    expect((await call('POST', '/api/stages/reorder', { token: manager, body: { ids: 'all' } })).status).toBe(400)
    expect(await activeIds()).toEqual(ids)
  })

  it('saves a new order in one go, audited, and puts it back', async () => {
    const a = await createStage({ name: stageName('Pertama') })
    const b = await createStage({ name: stageName('Kedua') })
    made.push(a.id, b.id)
    const ids = await activeIds()
    const ia = ids.indexOf(a.id)
    const ib = ids.indexOf(b.id)
    const swapped = [...ids]
    swapped[ia] = b.id
    swapped[ib] = a.id
    const res = await call('POST', '/api/stages/reorder', { token: manager, body: { ids: swapped } })
    expect(res.status).toBe(200)
    expect(res.body.filter((s: any) => s.active).map((s: any) => s.id)).toEqual(swapped)
    expect(await activeIds()).toEqual(swapped)
    const positions = (await call('GET', '/api/stages?active=true', { token: sales })).body.map((s: any) => s.position)
    expect(positions).toEqual(swapped.map((_, i) => i + 1))
    expect(await lastAudit('pipeline_stage', 'order')).toMatchObject({ action: 'reorder', before: { order: ids }, after: { order: swapped } })

    expect((await call('POST', '/api/stages/reorder', { token: owner, body: { ids } })).status).toBe(200)
    expect(await activeIds()).toEqual(ids)
  })

  it('keeps inactive stages after the active ones', async () => {
    const off = await createStage({ name: stageName('Mati') })
    made.push(off.id)
    await call('PATCH', `/api/stages/${off.id}`, { token: owner, body: { active: false } })
    const ids = await activeIds()
    expect((await call('POST', '/api/stages/reorder', { token: owner, body: { ids: [...ids, off.id] } })).status).toBe(400)
    const res = await call('POST', '/api/stages/reorder', { token: owner, body: { ids: [...ids.slice(1), ids[0]] } })
    expect(res.status).toBe(200)
    const all = (await call('GET', '/api/stages', { token: owner })).body
    expect(all.slice(0, ids.length).every((s: any) => s.active)).toBe(true)
    await call('POST', '/api/stages/reorder', { token: owner, body: { ids } })
  })
})

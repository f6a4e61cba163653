import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { call, login } from '../support/http'
/**
 * lead_month_facts (server/db/schema/summaries.ts) is kept by triggers on `leads`. After every kind of write a lead
 * can get, through the API or straight into the database, the whole table must equal the same counts computed
 * from the leads themselves. Integration files run one after another, so the whole table can be compared.
 */
const { db, pool } = testDb()
const { insertLead, writableKeys } = catalogHelpers(db)
afterAll(() => pool.end())

let admin: string
let manager: string
const stage: Record<string, number> = {}
const program: number[] = []
const people: number[] = []
let channel: number

beforeAll(async () => {
  ;[admin, manager] = await Promise.all([login('admin@demo.test'), login('manager@demo.test')])
  // Whatever other files left active: a lead can only be given an active program, channel and person.
  const keys = await writableKeys()
  Object.assign(stage, keys.stage)
  program.push(...keys.programs)
  people.push(...keys.people)
  channel = keys.channels[0]!
})

type Fact = { month: string, stageId: number, channelId: number, assignedTo: number, programId: number, reached: string, leads: number, value: number }
const asFacts = (rows: unknown): Fact[] => (rows as [Record<string, unknown>[]])[0].map(r => ({
  month: String(r.month), stageId: Number(r.stage_id), channelId: Number(r.channel_id), assignedTo: Number(r.assigned_to),
  programId: Number(r.program_id), reached: String(r.reached), leads: Number(r.leads), value: Number(r.value),
}))
const sorted = (ids: string) => ids.split(',').filter(Boolean).map(Number).sort((a, b) => a - b)

/**
 * Every key whose kept count or value differs from the one counted from the leads, in one statement (one read
 * view: a write another file's server makes in the meantime cannot fall between the two sides). Then this
 * file's facts.
 */
async function expectFactsExact(): Promise<Fact[]> {
  const differing = asFacts(await db.execute(sql`SELECT month, stage_id, channel_id, assigned_to, program_id, reached, SUM(leads) AS leads, SUM(value) AS value
    FROM (
      SELECT month, stage_id, channel_id, assigned_to, program_id, reached, leads, expected_value AS value FROM lead_month_facts
      UNION ALL
      SELECT DATE_FORMAT(created_at + INTERVAL 7 HOUR, '%Y-%m'), stage_id, COALESCE(channel_id, 0), COALESCE(assigned_to, 0),
        COALESCE(program_id, 0), stages_reached, -1, -CAST(expected_value AS SIGNED)
      FROM leads WHERE deleted_at IS NULL
    ) d
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING SUM(leads) <> 0 OR SUM(value) <> 0`))
  expect(differing).toEqual([])
  // text_month_facts: the same live leads per month, school or grade spelling (byte for byte) and stage.
  // (Grades per assignee; schools for the whole team, assignee 0.)
  const [textDiffering] = await db.execute(sql`SELECT month, field, spelling, stage_id, assigned_to, SUM(n) AS n FROM (
      SELECT month, field, spelling, stage_id, assigned_to, leads AS n FROM text_month_facts
      UNION ALL
      SELECT DATE_FORMAT(created_at + INTERVAL 7 HOUR, '%Y-%m'), 'school', COALESCE(school, '') COLLATE utf8mb4_bin, stage_id, 0, -1 FROM leads WHERE deleted_at IS NULL
      UNION ALL
      SELECT DATE_FORMAT(created_at + INTERVAL 7 HOUR, '%Y-%m'), 'grade', COALESCE(grade, '') COLLATE utf8mb4_bin, stage_id, COALESCE(assigned_to, 0), -1 FROM leads WHERE deleted_at IS NULL
    ) d GROUP BY 1, 2, 3, 4, 5 HAVING SUM(n) <> 0 LIMIT 5`) as unknown as [unknown[]]
  expect(textDiffering).toEqual([])
  // This file's leads: the stages reached hold their history's stages and their current one (and, for a lead written
  // straight into the table without a history row, the stages it was written in: it was in them).
  const [mine] = await db.execute(sql`SELECT l.id, l.stage_id, l.stages_reached, GROUP_CONCAT(h.to_stage_id) AS history
    FROM leads l LEFT JOIN lead_stage_history h ON h.lead_id = l.id
    WHERE l.student_name LIKE 'Fakta %' GROUP BY l.id`) as unknown as [{ stage_id: number, stages_reached: string, history: string | null }[]]
  for (const l of mine) expect(sorted(l.stages_reached)).toEqual(expect.arrayContaining([...sorted(l.history ?? ''), Number(l.stage_id)]))
  return asFacts(await db.execute(sql`SELECT month, stage_id, channel_id, assigned_to, program_id, reached, leads, expected_value AS value
    FROM lead_month_facts WHERE month LIKE '2034-%' ORDER BY 1, 2, 3, 4, 5, 6`))
}

/** This file's month, apart from every other test's: the facts of one key. */
const M = '2034-03'
const factsOf = async (month = M) => (await expectFactsExact()).filter(f => f.month === month)

describe('lead_month_facts', () => {
  it('counts a lead created through the API, and moves with every edit of its key or value', async () => {
    const tiktok = channel
    const created = await call('POST', '/api/leads', { token: admin, body: { studentName: 'Fakta Satu', channelId: tiktok, programId: program[0], expectedValue: 1_500_000, assignedTo: people[0] } })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const id = created.body.id as number
    await expectFactsExact()
    // Moved into this file's month (the API never edits created_at; hand SQL may).
    await db.execute(sql`UPDATE leads SET created_at = '2034-03-10 02:00:00' WHERE id = ${id}`)
    expect(await factsOf()).toEqual([{ month: M, stageId: stage.prospect, channelId: tiktok, assignedTo: people[0], programId: program[0], reached: String(stage.prospect), leads: 1, value: 1_500_000 }])

    for (const body of [{ stageId: stage.follow_up }, { assignedTo: people[1] }, { assignedTo: null }, { channelId: null }, { programId: program[1] }, { programId: null }, { expectedValue: 2_000_000 }, { notes: 'tidak mengubah fakta' }, { school: 'SMAN 1 Fakta', grade: '12 SMA' }, { school: 'sman 1 fakta' }, { grade: null }]) {
      expect((await call('PATCH', `/api/leads/${id}`, { token: admin, body })).status).toBe(200)
      const facts = await factsOf()
      expect(facts).toHaveLength(1)
      expect(facts[0]!.leads).toBe(1)
    }
    expect(await factsOf()).toEqual([{ month: M, stageId: stage.follow_up, channelId: 0, assignedTo: 0, programId: 0, reached: `${stage.prospect},${stage.follow_up}`, leads: 1, value: 2_000_000 }])

    // Trash and restore: out of the facts and back.
    expect((await call('DELETE', `/api/leads/${id}`, { token: admin })).status).toBe(204)
    expect(await factsOf()).toEqual([])
    expect((await call('POST', `/api/leads/${id}/restore`, { token: manager })).status).toBe(200)
    expect(await factsOf()).toHaveLength(1)
  })

  it('holds after the bulk actions, the board move, and writes straight into the table', async () => {
    const ids: number[] = []
    for (let i = 0; i < 4; i++) {
      ids.push(await insertLead({ studentName: `Fakta Massal ${i}`, createdAt: new Date(`2034-03-${10 + i}T09:00:00+07:00`), expectedValue: 100_000 * (i + 1) }))
    }
    // The month's edges in Jakarta time: 23:30 WIB on the last day is still March; 00:30 WIB on 1 April is not.
    ids.push(await insertLead({ studentName: 'Fakta Akhir Bulan', createdAt: new Date('2034-03-31T23:30:00+07:00') }))
    ids.push(await insertLead({ studentName: 'Fakta Awal Bulan', createdAt: new Date('2034-04-01T00:30:00+07:00') }))
    expect((await factsOf('2034-04')).reduce((n, f) => n + f.leads, 0)).toBe(1)

    const bulk = (body: Record<string, unknown>) => call('POST', '/api/leads/bulk', { token: admin, body })
    expect((await bulk({ action: 'assign', ids: ids.slice(0, 3), assignedTo: people[1] })).status).toBe(200)
    await expectFactsExact()
    expect((await bulk({ action: 'stage', ids: ids.slice(1, 4), stageId: stage.lost, lostReason: 'Harga' })).status).toBe(200)
    await expectFactsExact()
    const moved = await call('POST', `/api/pipeline/move`, { token: admin, body: { leadId: ids[0], stageId: stage.follow_up } })
    expect(moved.status).toBeLessThan(300)
    await expectFactsExact()
    expect((await bulk({ action: 'delete', ids: ids.slice(2, 5) })).status).toBe(200)
    await expectFactsExact()

    // Hand SQL: several rows in one statement, a hard delete, a lead inserted already in the trash.
    await db.execute(sql`UPDATE leads SET expected_value = expected_value + 5, stage_id = ${stage.prospect} WHERE id IN (${sql.join(ids.map(i => sql`${i}`), sql`, `)})`)
    await expectFactsExact()
    await db.execute(sql`DELETE FROM leads WHERE id = ${ids[5]!}`)
    // History written straight into the table (as the demo generator and older imports do) adds its stage.
    await db.execute(sql`INSERT INTO lead_stage_history (lead_id, from_stage_id, to_stage_id, changed_at) VALUES (${ids[1]!}, ${stage.prospect}, ${stage.negotiation}, NOW(3))`)
    expect((await factsOf()).some(f => sorted(f.reached).includes(stage.negotiation!))).toBe(true)
    await insertLead({ studentName: 'Fakta Sampah', createdAt: new Date('2034-03-20T09:00:00+07:00'), deletedAt: new Date() })
    const facts = await factsOf()
    expect(facts.reduce((n, f) => n + f.leads, 0)).toBe(1 + 2)
    // A key whose count reached 0 is gone, not kept as an empty row.
    expect(facts.every(f => f.leads > 0)).toBe(true)
    expect(await factsOf('2034-04')).toEqual([])
  })
})

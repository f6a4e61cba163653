import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { activities, leads } from '../../server/db/schema'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { call, login } from '../support/http'
/**
 * The team report's kept-on-write figures (drizzle/0004_team_facts.sql): `leads.first_activity_at`,
 * `activity_month_facts` and `lead_response_facts`, kept by triggers on `activities` and `leads`. After every kind of
 * write an activity or its lead can get, through the API or straight into the database, every lead's first activity
 * must equal the earliest of its live activities, and each whole facts table the same count grouped from the
 * activities and their leads, or from the leads.
 * Integration files run one after another, so the whole tables can be compared.
 */
const { db, pool } = testDb()
const { insertLead, writableKeys } = catalogHelpers(db)
afterAll(() => pool.end())

let admin: string
let manager: string
const stage: Record<string, number> = {}
const program: number[] = []
const people: number[] = []

beforeAll(async () => {
  ;[admin, manager] = await Promise.all([login('admin@demo.test'), login('manager@demo.test')])
  // Whatever other files left active: a lead can only be given an active program, channel and person.
  const keys = await writableKeys()
  Object.assign(stage, keys.stage)
  program.push(...keys.programs)
  people.push(...keys.people)
})

const rowsOf = (result: unknown) => (result as [Record<string, unknown>[]])[0]

/**
 * Every key whose kept count differs from the count of the live activities (or leads), every lead whose first
 * activity differs from its live activities' earliest, and any row left at 0: each in one statement (one read view).
 */
async function expectExact(): Promise<void> {
  const differing = rowsOf(await db.execute(sql`SELECT month, user_id, type, channel_id, program_id, SUM(n) AS n FROM (
      SELECT month, user_id, type, channel_id, program_id, activities AS n FROM activity_month_facts
      UNION ALL
      SELECT DATE_FORMAT(a.occurred_at + INTERVAL 7 HOUR, '%Y-%m'), COALESCE(a.user_id, 0), a.type, COALESCE(l.channel_id, 0),
        COALESCE(l.program_id, 0), -1
      FROM activities a LEFT JOIN leads l ON l.id = a.lead_id WHERE a.deleted_at IS NULL
    ) d GROUP BY 1, 2, 3, 4, 5 HAVING SUM(n) <> 0`))
  expect(differing).toEqual([])
  const wrongFirst = rowsOf(await db.execute(sql`SELECT l.id, l.first_activity_at FROM leads l
    WHERE NOT (l.first_activity_at <=> (SELECT MIN(a.occurred_at) FROM activities a WHERE a.lead_id = l.id AND a.deleted_at IS NULL))`))
  expect(wrongFirst).toEqual([])
  expect(rowsOf(await db.execute(sql`SELECT * FROM activity_month_facts WHERE activities = 0`))).toEqual([])
  const responses = rowsOf(await db.execute(sql`SELECT month, assigned_to, hour, SUM(n) AS n FROM (
      SELECT month, assigned_to, hour, leads AS n FROM lead_response_facts
      UNION ALL
      SELECT DATE_FORMAT(created_at + INTERVAL 7 HOUR, '%Y-%m'), COALESCE(assigned_to, 0),
        GREATEST(0, TIMESTAMPDIFF(SECOND, created_at, first_activity_at)) DIV 3600, -1
      FROM leads WHERE deleted_at IS NULL AND first_activity_at IS NOT NULL
    ) d GROUP BY 1, 2, 3 HAVING SUM(n) <> 0`))
  expect(responses).toEqual([])
  expect(rowsOf(await db.execute(sql`SELECT * FROM lead_response_facts WHERE leads = 0`))).toEqual([])
}

const firstOf = async (id: number) => (await db.select({ at: leads.firstActivityAt }).from(leads).where(eq(leads.id, id)))[0]!.at?.toISOString() ?? null
const HOUR = 3_600_000
/** An instant some hours ago, whole seconds (the API keeps seconds), and as the form sends it (Jakarta offset). */
const ago = (h: number) => new Date(Math.floor((Date.now() - h * HOUR) / 1000) * 1000)
const wib = (d: Date) => `${new Date(d.getTime() + 7 * HOUR).toISOString().slice(0, 19)}+07:00`
const log = (id: number, body: Record<string, unknown>) => call('POST', `/api/leads/${id}/activities`, { token: admin, body })

describe('team facts: first activity and activity month facts', () => {
  it('follow activities logged, edited and deleted through the API, the lead\'s edits, and its trash and restore', async () => {
    const created = await call('POST', '/api/leads', { token: admin, body: { studentName: 'Tim Fakta Satu', programId: program[0], assignedTo: people[0] } })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const id = created.body.id as number
    expect(await firstOf(id)).toBeNull()

    const [t3, t5, t1, t2] = [ago(3), ago(5), ago(1), ago(2)]
    const call3 = await log(id, { type: 'call', outcome: 'interested', happenedAt: wib(t3) })
    expect(call3.status, JSON.stringify(call3.body)).toBe(201)
    expect(await firstOf(id)).toBe(t3.toISOString())
    await expectExact()
    // An earlier one brings it forward; a later one leaves it.
    const note5 = await log(id, { type: 'note', notes: 'Catatan awal', happenedAt: wib(t5) })
    expect(note5.status).toBe(201)
    expect(await firstOf(id)).toBe(t5.toISOString())
    expect((await log(id, { type: 'chat', outcome: 'interested', happenedAt: wib(t1) })).status).toBe(201)
    expect(await firstOf(id)).toBe(t5.toISOString())
    await expectExact()

    // The earliest moved later: the next earliest is the first now. A type changed: the facts move.
    const noteId = note5.body.activity.id as number
    expect((await call('PATCH', `/api/leads/${id}/activities/${noteId}`, { token: admin, body: { happenedAt: wib(t2) } })).status).toBe(200)
    expect(await firstOf(id)).toBe(t3.toISOString())
    expect((await call('PATCH', `/api/leads/${id}/activities/${noteId}`, { token: admin, body: { type: 'meeting', outcome: 'interested' } })).status).toBe(200)
    await expectExact()
    expect((await call('DELETE', `/api/leads/${id}/activities/${call3.body.activity.id}`, { token: admin })).status).toBe(204)
    expect(await firstOf(id)).toBe(t2.toISOString())
    await expectExact()

    // The lead's program and channel edited: its activities' counts move with it; other edits change nothing.
    for (const body of [{ programId: program[1] ?? null }, { programId: null }, { channelId: null }, { assignedTo: people[1] ?? null }, { notes: 'tanpa efek' }]) {
      expect((await call('PATCH', `/api/leads/${id}`, { token: admin, body })).status).toBe(200)
      await expectExact()
    }

    // Trash and restore: the activities go with the lead and come back with it.
    expect((await call('DELETE', `/api/leads/${id}`, { token: admin })).status).toBe(204)
    expect(await firstOf(id)).toBeNull()
    await expectExact()
    expect((await call('POST', `/api/leads/${id}/restore`, { token: manager })).status).toBe(200)
    expect(await firstOf(id)).toBe(t2.toISOString())
    await expectExact()
  })

  it('follow the board\'s lost note, bulk trash, and writes straight into the tables', async () => {
    const [a, b, c] = [
      await insertLead({ studentName: 'Tim Fakta A', programId: program[0], assignedTo: people[0] }),
      await insertLead({ studentName: 'Tim Fakta B', assignedTo: people[1] ?? people[0] }),
      await insertLead({ studentName: 'Tim Fakta C' }),
    ]
    // Several rows in one statement, nobody's among them, one already deleted, and the month's edges in Jakarta time.
    await db.insert(activities).values([
      { leadId: a, userId: people[0], type: 'call', occurredAt: new Date('2035-03-31T23:30:00+07:00') },
      { leadId: a, userId: null, type: 'note', occurredAt: new Date('2035-04-01T00:30:00+07:00') },
      { leadId: a, userId: people[0], type: 'chat', occurredAt: new Date('2035-03-01T08:00:00+07:00'), deletedAt: new Date() },
      { leadId: b, userId: people[0], type: 'meeting', occurredAt: new Date('2035-03-15T10:00:00+07:00') },
      { leadId: b, userId: people[0], type: 'meeting', occurredAt: new Date('2035-03-16T10:00:00+07:00') },
    ])
    expect(await firstOf(a)).toBe(new Date('2035-03-31T23:30:00+07:00').toISOString())
    const march = rowsOf(await db.execute(sql`SELECT month, type, activities FROM activity_month_facts WHERE month LIKE '2035-%' ORDER BY month, type`))
    expect(march).toEqual([
      { month: '2035-03', type: 'call', activities: 1 },
      { month: '2035-03', type: 'meeting', activities: 2 },
      { month: '2035-04', type: 'note', activities: 1 },
    ])
    await expectExact()

    const ids = sql.join([a, b, c].map(i => sql`${i}`), sql`, `)
    // Times, person, type and lead changed by hand, several rows at once; the deleted one brought back.
    await db.execute(sql`UPDATE activities SET occurred_at = occurred_at - INTERVAL 1 DAY WHERE lead_id IN (${ids})`)
    await expectExact()
    await db.execute(sql`UPDATE activities SET deleted_at = NULL WHERE lead_id = ${a}`)
    expect(await firstOf(a)).toBe(new Date('2035-02-28T08:00:00+07:00').toISOString())
    await db.execute(sql`UPDATE activities SET user_id = ${people[1] ?? null}, type = 'chat' WHERE lead_id = ${b} AND type = 'meeting' LIMIT 1`)
    await expectExact()
    await db.execute(sql`UPDATE activities SET lead_id = ${c} WHERE lead_id = ${b}`)
    expect(await firstOf(b)).toBeNull()
    await expectExact()
    // The response facts: hand SQL on the creation time and the assignee moves the lead's hour, month and person.
    // (Its first activity is B's first, 10:00 WIB on 14 March 2035: 2 h 59 min after 07:01 WIB is hour 2.)
    await db.execute(sql`UPDATE leads SET created_at = '2035-03-14 00:01:00', assigned_to = ${people[0]} WHERE id = ${c}`)
    const responses = async () => rowsOf(await db.execute(sql`SELECT month, assigned_to AS who, hour, leads FROM lead_response_facts WHERE month LIKE '2035-%'`))
    expect(await responses()).toEqual([{ month: '2035-03', who: people[0], hour: 2, leads: 1 }])
    await expectExact()
    await db.execute(sql`UPDATE leads SET created_at = '2035-03-14 05:00:00' WHERE id = ${c}`)
    expect(await responses()).toEqual([{ month: '2035-03', who: people[0], hour: 0, leads: 1 }])
    // Leads moved to another channel and program by hand, several at once.
    await db.execute(sql`UPDATE leads SET program_id = ${program[1] ?? null}, channel_id = NULL WHERE id IN (${ids})`)
    await expectExact()
    // Soft and hard deletes by hand.
    await db.execute(sql`UPDATE activities SET deleted_at = NOW(3) WHERE lead_id = ${c} AND type = 'chat'`)
    await expectExact()
    await db.execute(sql`DELETE FROM activities WHERE lead_id = ${c}`)
    expect(await firstOf(c)).toBeNull()
    await expectExact()

    // The board's lost move with a note logs a note activity; the bulk trash takes the activities along.
    const moved = await call('POST', '/api/pipeline/move', { token: admin, body: { leadId: b, stageId: stage.lost, lostReason: 'price', lostNote: 'Terlalu mahal' } })
    expect(moved.status, JSON.stringify(moved.body)).toBeLessThan(300)
    expect(await firstOf(b)).not.toBeNull()
    await expectExact()
    expect((await call('POST', '/api/leads/bulk', { token: admin, body: { action: 'delete', ids: [a, b] } })).status).toBe(200)
    expect([await firstOf(a), await firstOf(b)]).toEqual([null, null])
    expect(rowsOf(await db.execute(sql`SELECT * FROM activity_month_facts WHERE month LIKE '2035-%'`))).toEqual([])
    await expectExact()
  })
})

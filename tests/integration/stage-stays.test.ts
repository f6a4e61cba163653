import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { call, login } from '../support/http'
/**
 * `stage_stays` and `stay_month_facts` (server/db/schema/summaries.ts) are kept by triggers on `lead_stage_history`,
 * `leads` and `stage_stays`. After every kind of write, through the API or straight into the database, the stays must
 * equal those computed from the history (each row to the lead's next, in changed_at then id order) with the lead's
 * keys beside them, and the facts the count of the live stays, each in one statement.
 */
const { db, pool } = testDb()
const { insertLead, writableKeys } = catalogHelpers(db)
afterAll(() => pool.end())

let admin: string
let manager: string
const stage: Record<string, number> = {}
const people: number[] = []
let programId: number
let channel: number

beforeAll(async () => {
  ;[admin, manager] = await Promise.all([login('admin@demo.test'), login('manager@demo.test')])
  // Whatever other files left active: a lead can only be given an active program, channel and person.
  const keys = await writableKeys()
  Object.assign(stage, keys.stage)
  programId = keys.programs[0]!
  people.push(...keys.people)
  channel = keys.channels[0]!
})

interface Stay { stage: number, ms: number }

/** No stay differs from the history (none missing, none extra, none stale), then the stays of `leadId` in time order. */
async function expectStaysExact(leadId?: number): Promise<Stay[]> {
  const [differing] = await db.execute(sql`SELECT history_id, lead_id, stage_id, ms, bucket, lead_created_at, lead_deleted_at, channel_id, assigned_to, program_id, SUM(n) AS n
    FROM (
      SELECT history_id, lead_id, stage_id, ms, bucket, lead_created_at, lead_deleted_at, channel_id, assigned_to, program_id, 1 AS n FROM stage_stays
      UNION ALL
      SELECT s.id, s.lead_id, s.to_stage_id, TIMESTAMPDIFF(MICROSECOND, s.changed_at, s.next_at) DIV 1000,
        FLOOR(LOG2(TIMESTAMPDIFF(MICROSECOND, s.changed_at, s.next_at) DIV 1000 + 1) * 4), l.created_at, l.deleted_at, l.channel_id, l.assigned_to, l.program_id, -1
      FROM (SELECT id, lead_id, to_stage_id, changed_at, LEAD(changed_at) OVER (PARTITION BY lead_id ORDER BY changed_at, id) AS next_at FROM lead_stage_history) s
      INNER JOIN leads l ON l.id = s.lead_id
      WHERE s.next_at IS NOT NULL
    ) d
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 HAVING SUM(n) <> 0 LIMIT 5`) as unknown as [unknown[]]
  expect(differing).toEqual([])
  // The counts per lead month, stage, assignee and length class: those of the live stays.
  const [miscounted] = await db.execute(sql`SELECT month, stage_id, assigned_to, bucket, SUM(n) AS n FROM (
      SELECT month, stage_id, assigned_to, bucket, stays AS n FROM stay_month_facts
      UNION ALL
      SELECT DATE_FORMAT(lead_created_at + INTERVAL 7 HOUR, '%Y-%m'), stage_id, COALESCE(assigned_to, 0), bucket, -1 FROM stage_stays WHERE lead_deleted_at IS NULL
    ) d GROUP BY 1, 2, 3, 4 HAVING SUM(n) <> 0 LIMIT 5`) as unknown as [unknown[]]
  expect(miscounted).toEqual([])
  const [empty] = await db.execute(sql`SELECT COUNT(*) AS n FROM stay_month_facts WHERE stays = 0`) as unknown as [{ n: number | string }[]]
  expect(Number(empty[0]!.n)).toBe(0)
  if (leadId == null) return []
  const [rows] = await db.execute(sql`SELECT s.stage_id, s.ms FROM stage_stays s INNER JOIN lead_stage_history h ON h.id = s.history_id
    WHERE s.lead_id = ${leadId} ORDER BY h.changed_at, h.id`) as unknown as [{ stage_id: number, ms: number | string }[]]
  return rows.map(r => ({ stage: Number(r.stage_id), ms: Number(r.ms) }))
}

const history = (leadId: number, from: number | null, to: number, at: string) =>
  db.execute(sql`INSERT INTO lead_stage_history (lead_id, from_stage_id, to_stage_id, changed_at) VALUES (${leadId}, ${from}, ${to}, ${at})`)
const HOUR = 3_600_000

describe('stage_stays', () => {
  it('follows the API: create, stage edits, the board, bulk actions, assignment, trash and restore', async () => {
    const created = await call('POST', '/api/leads', { token: admin, body: { studentName: 'Singgah Satu', channelId: channel, programId, assignedTo: people[0] } })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const id = created.body.id as number
    // In its first stage, nothing completed yet.
    expect(await expectStaysExact(id)).toEqual([])
    expect((await call('PATCH', `/api/leads/${id}`, { token: admin, body: { stageId: stage.follow_up } })).status).toBe(200)
    expect((await expectStaysExact(id)).map(s => s.stage)).toEqual([stage.prospect])
    const moved = await call('POST', '/api/pipeline/move', { token: admin, body: { leadId: id, stageId: stage.negotiation } })
    expect(moved.status, JSON.stringify(moved.body)).toBeLessThan(300)
    expect((await expectStaysExact(id)).map(s => s.stage)).toEqual([stage.prospect, stage.follow_up])

    const other = await call('POST', '/api/leads', { token: admin, body: { studentName: 'Singgah Dua', channelId: channel } })
    const ids = [id, other.body.id as number]
    const bulk = (body: Record<string, unknown>) => call('POST', '/api/leads/bulk', { token: admin, body })
    expect((await bulk({ action: 'stage', ids, stageId: stage.lost, lostReason: 'Harga' })).status).toBe(200)
    await expectStaysExact()
    // The lead's keys follow it onto its stays.
    for (const body of [{ assignedTo: people[1] ?? null }, { channelId: null }, { programId: null }]) {
      expect((await call('PATCH', `/api/leads/${id}`, { token: admin, body })).status).toBe(200)
      await expectStaysExact()
    }
    expect((await bulk({ action: 'assign', ids, assignedTo: people[0] })).status).toBe(200)
    await expectStaysExact()
    expect((await bulk({ action: 'delete', ids })).status).toBe(200)
    await expectStaysExact()
    expect((await call('POST', `/api/leads/${id}/restore`, { token: manager })).status).toBe(200)
    expect((await expectStaysExact(id)).map(s => s.stage)).toEqual([stage.prospect, stage.follow_up, stage.negotiation])
  })

  it('follows hand SQL: rows dated back, ties on time, several rows in one statement, edits of the lead, a hard delete', async () => {
    const id = await insertLead({ studentName: 'Singgah Tangan', createdAt: new Date('2034-07-01T09:00:00+07:00') })
    await history(id, null, stage.prospect!, '2034-07-01 02:00:00')
    await history(id, stage.prospect!, stage.negotiation!, '2034-07-03 02:00:00')
    expect(await expectStaysExact(id)).toEqual([{ stage: stage.prospect, ms: 48 * HOUR }])
    // A row dated between the two splits the first stay.
    await history(id, stage.prospect!, stage.follow_up!, '2034-07-02 02:00:00')
    expect(await expectStaysExact(id)).toEqual([{ stage: stage.prospect, ms: 24 * HOUR }, { stage: stage.follow_up, ms: 24 * HOUR }])
    // Two rows at the same instant: ordered by id, the first one's stay lasts 0 ms.
    await history(id, stage.negotiation!, stage.follow_up!, '2034-07-04 02:00:00.500')
    await history(id, stage.follow_up!, stage.negotiation!, '2034-07-04 02:00:00.500')
    expect((await expectStaysExact(id)).slice(2)).toEqual([{ stage: stage.negotiation, ms: 24 * HOUR + 500 }, { stage: stage.follow_up, ms: 0 }])
    // Several rows of one lead in one statement.
    await db.execute(sql`INSERT INTO lead_stage_history (lead_id, from_stage_id, to_stage_id, changed_at) VALUES
      (${id}, ${stage.negotiation}, ${stage.follow_up}, '2034-07-05 02:00:00'), (${id}, ${stage.follow_up}, ${stage.won}, '2034-07-06 02:00:00')`)
    expect(await expectStaysExact(id)).toHaveLength(6)

    await db.execute(sql`UPDATE leads SET created_at = '2034-06-30 20:00:00', assigned_to = ${people[0]}, channel_id = ${channel}, program_id = ${programId} WHERE id = ${id}`)
    await expectStaysExact()
    await db.execute(sql`UPDATE leads SET deleted_at = NOW(3) WHERE id = ${id}`)
    await expectStaysExact()
    await db.execute(sql`DELETE FROM leads WHERE id = ${id}`)
    expect(await expectStaysExact(id)).toEqual([])
  })
})

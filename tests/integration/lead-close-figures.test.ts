import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { call, login } from '../support/http'
/**
 * `leads.stage_entered_at` and `leads.enrolled_amount` (drizzle/0003_lead_close_figures.sql) are kept by triggers on
 * `leads`, `lead_stage_history` and `enrollments`, and `close_month_facts` (drizzle/0007) by triggers on `leads`. After
 * every kind of write, through the API or straight into the database, every lead's pair must equal what its history
 * and enrolments say, and the facts the count of the live leads, each in one statement over the whole table.
 */
const { db, pool } = testDb()
const { insertLead, writableKeys } = catalogHelpers(db)
afterAll(() => pool.end())

let admin: string
let manager: string
const stage: Record<string, number> = {}
let programId: number
let person: number
let channel: number

beforeAll(async () => {
  ;[admin, manager] = await Promise.all([login('admin@demo.test'), login('manager@demo.test')])
  // Whatever other files left active: a lead can only be given an active program, channel and person.
  const keys = await writableKeys()
  Object.assign(stage, keys.stage)
  programId = keys.programs[0]!
  person = keys.people[0]!
  channel = keys.channels[0]!
})

interface Figures { id: number, entered: string | null, amount: number }

/** Every lead whose kept figures differ from its history and enrolments (none), then the figures of `ids`. */
async function expectExact(ids: number[] = []): Promise<Figures[]> {
  const [differing] = await db.execute(sql`SELECT id, stage_entered_at, expected_entered, enrolled_amount, expected_amount FROM (
      SELECT l.id, l.stage_entered_at, l.enrolled_amount,
        (SELECT MAX(h.changed_at) FROM lead_stage_history h WHERE h.lead_id = l.id AND h.to_stage_id = l.stage_id) AS expected_entered,
        (SELECT COALESCE(SUM(e.amount), 0) FROM enrollments e WHERE e.lead_id = l.id AND e.status = 'active') AS expected_amount
      FROM leads l
    ) d WHERE NOT (stage_entered_at <=> expected_entered) OR enrolled_amount <> expected_amount LIMIT 5`) as unknown as [unknown[]]
  expect(differing).toEqual([])
  // close_month_facts: the live leads per creation month, stage, channel and close-time class, with their enrolments.
  const [miscounted] = await db.execute(sql`SELECT month, stage_id, channel_id, bucket, SUM(n) AS n, SUM(amount) AS amount FROM (
      SELECT month, stage_id, channel_id, bucket, leads AS n, CAST(enrolled_amount AS SIGNED) AS amount FROM close_month_facts
      UNION ALL
      SELECT DATE_FORMAT(created_at + INTERVAL 7 HOUR, '%Y-%m'), stage_id, COALESCE(channel_id, 0),
        COALESCE(FLOOR(LOG2(GREATEST(0, TIMESTAMPDIFF(SECOND, created_at, stage_entered_at)) + 1) * 4), 255), -1, -CAST(enrolled_amount AS SIGNED)
      FROM leads WHERE deleted_at IS NULL
    ) d GROUP BY 1, 2, 3, 4 HAVING SUM(n) <> 0 OR SUM(amount) <> 0 LIMIT 5`) as unknown as [unknown[]]
  expect(miscounted).toEqual([])
  const [empty] = await db.execute(sql`SELECT COUNT(*) AS n FROM close_month_facts WHERE leads = 0`) as unknown as [{ n: number | string }[]]
  expect(Number(empty[0]!.n)).toBe(0)
  if (!ids.length) return []
  const [rows] = await db.execute(sql`SELECT id, DATE_FORMAT(stage_entered_at, '%Y-%m-%d %H:%i:%s.%f') AS entered, enrolled_amount AS amount
    FROM leads WHERE id IN (${sql.join(ids.map(i => sql`${i}`), sql`, `)}) ORDER BY id`) as unknown as [{ id: number, entered: string | null, amount: number | string }[]]
  return rows.map(r => ({ id: Number(r.id), entered: r.entered, amount: Number(r.amount) }))
}

const history = (leadId: number, from: number | null, to: number, at: string) =>
  db.execute(sql`INSERT INTO lead_stage_history (lead_id, from_stage_id, to_stage_id, changed_at) VALUES (${leadId}, ${from}, ${to}, ${at})`)

describe('per-lead close figures', () => {
  it('follow the API: create, stage edits, the board won move with its enrolment, a cancellation, bulk stage, trash', async () => {
    const created = await call('POST', '/api/leads', { token: admin, body: { studentName: 'Tutup Satu', channelId: channel, programId, assignedTo: person } })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const id = created.body.id as number
    const [first] = await expectExact([id])
    // Created in its first stage: entered when its first history row says.
    expect(first!.entered).not.toBeNull()
    expect(first!.amount).toBe(0)

    expect((await call('PATCH', `/api/leads/${id}`, { token: admin, body: { stageId: stage.follow_up } })).status).toBe(200)
    const [followUp] = await expectExact([id])
    expect(followUp!.entered! >= first!.entered!).toBe(true)

    const won = await call('POST', '/api/pipeline/move', { token: admin, body: { leadId: id, stageId: stage.won, programId, amount: 4_500_000 } })
    expect(won.status, JSON.stringify(won.body)).toBeLessThan(300)
    const enrolmentId = won.body.enrollmentId as number
    expect((await expectExact([id]))[0]!.amount).toBe(4_500_000)

    const second = await call('POST', '/api/enrollments', { token: manager, body: { leadId: id, programId, amount: 1_250_000, enrolledAt: '2034-05-02T10:00:00+07:00' } })
    expect(second.status, JSON.stringify(second.body)).toBe(201)
    expect((await expectExact([id]))[0]!.amount).toBe(5_750_000)
    expect((await call('PATCH', `/api/enrollments/${enrolmentId}`, { token: manager, body: { status: 'cancelled' } })).status).toBe(200)
    expect((await expectExact([id]))[0]!.amount).toBe(1_250_000)

    const other = await call('POST', '/api/leads', { token: admin, body: { studentName: 'Tutup Dua', channelId: channel } })
    const ids = [id, other.body.id as number]
    expect((await call('POST', '/api/leads/bulk', { token: admin, body: { action: 'stage', ids, stageId: stage.lost, lostReason: 'Harga' } })).status).toBe(200)
    await expectExact(ids)
    expect((await call('POST', '/api/leads/bulk', { token: admin, body: { action: 'delete', ids } })).status).toBe(200)
    expect((await call('POST', `/api/leads/${id}/restore`, { token: manager })).status).toBe(200)
    await expectExact(ids)
  })

  it('follow writes straight into the tables: history before or after the lead, moves back, enrolments by hand', async () => {
    const id = await insertLead({ studentName: 'Tutup Tangan', createdAt: new Date('2034-06-01T09:00:00+07:00'), stageId: stage.won })
    // Written straight into a won stage, without history: no time it entered it.
    expect((await expectExact([id]))[0]!.entered).toBeNull()
    await history(id, null, stage.prospect!, '2034-06-01 02:00:00')
    await history(id, stage.prospect!, stage.won!, '2034-06-03 02:00:00')
    expect((await expectExact([id]))[0]!.entered).toBe('2034-06-03 02:00:00.000000')
    const [[close]] = await db.execute(sql`SELECT close_secs, close_bucket FROM leads WHERE id = ${id}`) as unknown as [[{ close_secs: number, close_bucket: number }]]
    // Created 2034-06-01 09:00 WIB (02:00 UTC), entered won two days later.
    expect([Number(close.close_secs), Number(close.close_bucket)]).toEqual([172_800, Math.floor(Math.log2(172_801) * 4)])
    // Won, back to negotiation, won again: the latest move into the stage it is in.
    await history(id, stage.won!, stage.negotiation!, '2034-06-04 02:00:00')
    await db.execute(sql`UPDATE leads SET stage_id = ${stage.negotiation} WHERE id = ${id}`)
    expect((await expectExact([id]))[0]!.entered).toBe('2034-06-04 02:00:00.000000')
    // The lead moved first, its history row after (the order the services write in).
    await db.execute(sql`UPDATE leads SET stage_id = ${stage.won} WHERE id = ${id}`)
    expect((await expectExact([id]))[0]!.entered).toBe('2034-06-03 02:00:00.000000')
    await history(id, stage.negotiation!, stage.won!, '2034-06-09 02:00:00')
    expect((await expectExact([id]))[0]!.entered).toBe('2034-06-09 02:00:00.000000')
    // A history row dated before the latest one does not move it back.
    await history(id, stage.negotiation!, stage.won!, '2034-06-05 02:00:00')
    expect((await expectExact([id]))[0]!.entered).toBe('2034-06-09 02:00:00.000000')

    await db.execute(sql`INSERT INTO enrollments (lead_id, program_id, amount, enrolled_at, status) VALUES
      (${id}, ${programId}, 2000000, '2034-06-09 02:00:00', 'active'), (${id}, ${programId}, 700000, '2034-06-09 02:00:00', 'cancelled')`)
    expect((await expectExact([id]))[0]!.amount).toBe(2_000_000)
    await db.execute(sql`UPDATE enrollments SET status = 'active', amount = amount + 1 WHERE lead_id = ${id}`)
    expect((await expectExact([id]))[0]!.amount).toBe(2_700_002)
    const other = await insertLead({ studentName: 'Tutup Tangan Lain', createdAt: new Date('2034-06-02T09:00:00+07:00') })
    await db.execute(sql`UPDATE enrollments SET lead_id = ${other} WHERE lead_id = ${id} AND amount = 700001`)
    expect((await expectExact([id, other])).map(f => f.amount)).toEqual([2_000_001, 700_001])
    await db.execute(sql`DELETE FROM enrollments WHERE lead_id IN (${id}, ${other})`)
    expect((await expectExact([id, other])).map(f => f.amount)).toEqual([0, 0])
  })
})

import { inArray, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { channels } from '../../server/db/schema'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { call, login } from '../support/http'
/**
 * campaign_month_facts and lead_forecast_facts (server/db/schema/report-facts.ts) are kept by triggers on `leads` and
 * `enrollments`. After every kind of write, through the API or straight into the database, both whole tables must
 * equal the same counts computed from the raw rows (integration files run one after another, so the whole table
 * can be compared), and no row may be left with nothing in it.
 */
const { db, pool } = testDb()
const { insertLead, writableKeys } = catalogHelpers(db)
let tag = ''
afterAll(async () => {
  // Left inactive, so no other file's channel lists see them.
  await db.update(channels).set({ active: false }).where(inArray(channels.code, [`${tag}_a`, `${tag}_b`]))
  await pool.end()
})

let admin: string
let manager: string
const stage: Record<string, number> = {}
const program: number[] = []
const people: number[] = []
let channel: number
let otherChannel: number

beforeAll(async () => {
  ;[admin, manager] = await Promise.all([login('admin@demo.test'), login('manager@demo.test')])
  // Whatever other files left active: a lead can only be given an active program, channel and person.
  const keys = await writableKeys()
  Object.assign(stage, keys.stage)
  program.push(...keys.programs)
  people.push(...keys.people)
  // Channels of this file's own, so its facts can be picked out.
  tag = `fk${Date.now()}`
  for (const code of [`${tag}_a`, `${tag}_b`]) await db.insert(channels).values({ code, name: `Kanal Fakta ${code}`, sourceType: 'event', active: true })
  const mine = await db.select({ id: channels.id }).from(channels).where(inArray(channels.code, [`${tag}_a`, `${tag}_b`]))
  ;[channel, otherChannel] = mine.map(c => c.id).sort((a, b) => a - b) as [number, number]
})

const rows = (result: unknown) => (result as [Record<string, unknown>[]])[0]

/** Keys whose kept figures differ from the raw rows' (one statement each: one read view), and rows left empty. */
async function expectFactsExact(): Promise<void> {
  const campaign = rows(await db.execute(sql`SELECT channel_id, month, campaign, SUM(leads) AS leads, SUM(closings) AS closings, SUM(revenue) AS revenue
    FROM (
      SELECT channel_id, month, campaign, leads, closings, CAST(revenue AS SIGNED) AS revenue FROM campaign_month_facts
      UNION ALL
      SELECT COALESCE(channel_id, 0), EXTRACT(YEAR_MONTH FROM created_at + INTERVAL 7 HOUR), COALESCE(TRIM(utm_campaign), '') COLLATE utf8mb4_bin, -1, 0, 0
      FROM leads WHERE deleted_at IS NULL
      UNION ALL
      SELECT COALESCE(e.channel_id, 0), EXTRACT(YEAR_MONTH FROM e.enrolled_at + INTERVAL 7 HOUR), COALESCE(TRIM(l.utm_campaign), '') COLLATE utf8mb4_bin,
        0, -1, -CAST(e.amount AS SIGNED)
      FROM enrollments e JOIN leads l ON l.id = e.lead_id WHERE e.status = 'active'
    ) d
    GROUP BY 1, 2, 3 HAVING SUM(leads) <> 0 OR SUM(closings) <> 0 OR SUM(revenue) <> 0`))
  expect(campaign).toEqual([])
  const forecast = rows(await db.execute(sql`SELECT stage_id, assigned_to, program_id, channel_id, month, by_follow_up, SUM(leads) AS leads, SUM(value) AS value
    FROM (
      SELECT stage_id, assigned_to, program_id, channel_id, month, by_follow_up, leads, CAST(expected_value AS SIGNED) AS value FROM lead_forecast_facts
      UNION ALL
      SELECT stage_id, COALESCE(assigned_to, 0), COALESCE(program_id, 0), COALESCE(channel_id, 0),
        COALESCE(EXTRACT(YEAR_MONTH FROM COALESCE(expected_close_on, next_follow_up_at + INTERVAL 7 HOUR)), 0),
        expected_close_on IS NULL AND next_follow_up_at IS NOT NULL, -1, -CAST(expected_value AS SIGNED)
      FROM leads WHERE deleted_at IS NULL
    ) d
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING SUM(leads) <> 0 OR SUM(value) <> 0`))
  expect(forecast).toEqual([])
  const empty = rows(await db.execute(sql`SELECT (SELECT COUNT(*) FROM campaign_month_facts WHERE leads = 0 AND closings = 0)
    + (SELECT COUNT(*) FROM lead_forecast_facts WHERE leads = 0) AS n`))
  expect(Number(empty[0]!.n)).toBe(0)
}

/** This file's facts: campaign rows (leads, closings, revenue by spelling) and forecast rows of its channels. */
async function campaignsOf(ch = channel) {
  return rows(await db.execute(sql`SELECT month, campaign, leads, closings, revenue FROM campaign_month_facts WHERE channel_id = ${ch} ORDER BY 1, 2`))
    .map(r => ({ month: Number(r.month), campaign: String(r.campaign), leads: Number(r.leads), closings: Number(r.closings), revenue: Number(r.revenue) }))
}
async function forecastOf(ch = channel) {
  return rows(await db.execute(sql`SELECT stage_id, assigned_to, program_id, month, by_follow_up, leads, expected_value FROM lead_forecast_facts WHERE channel_id = ${ch} ORDER BY 1, 2, 3, 4, 5`))
    .map(r => ({ stageId: Number(r.stage_id), assignedTo: Number(r.assigned_to), programId: Number(r.program_id), month: Number(r.month), byFollowUp: Number(r.by_follow_up), leads: Number(r.leads), value: Number(r.expected_value) }))
}

const patch = async (id: number, body: Record<string, unknown>) => {
  const res = await call('PATCH', `/api/leads/${id}`, { token: admin, body })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  await expectFactsExact()
}

describe('campaign_month_facts and lead_forecast_facts', () => {
  it('count a lead created through the API and follow every edit of its keys, dates and value', async () => {
    const created = await call('POST', '/api/leads', { token: admin, body: {
      studentName: 'Fakta Iklan Satu', channelId: channel, programId: program[0], assignedTo: people[0], expectedValue: 1_000_000,
      utmCampaign: '  Promo Fakta ', expectedCloseOn: '2035-02-10', nextFollowUpAt: '2035-03-05T09:00:00+07:00',
    } })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const id = created.body.id as number
    await expectFactsExact()
    // Moved into a month of this file's own (the API never edits created_at; hand SQL may): 23:30 WIB on 31 January.
    await db.execute(sql`UPDATE leads SET created_at = '2035-01-31 16:30:00' WHERE id = ${id}`)
    await expectFactsExact()
    expect(await campaignsOf()).toEqual([{ month: 203501, campaign: 'Promo Fakta', leads: 1, closings: 0, revenue: 0 }])
    const key = { stageId: stage.prospect, assignedTo: people[0], programId: program[0], leads: 1, value: 1_000_000 }
    // The expected close date wins over the follow-up.
    expect(await forecastOf()).toEqual([{ ...key, month: 203502, byFollowUp: 0 }])

    // The next follow-up: in the same month it moves nothing; without a close date it places the lead, in Jakarta
    // time (00:10 WIB on 1 April is still 31 March in UTC).
    await patch(id, { nextFollowUpAt: '2035-03-20T09:00:00+07:00' })
    await patch(id, { expectedCloseOn: '' })
    expect(await forecastOf()).toEqual([{ ...key, month: 203503, byFollowUp: 1 }])
    const moved = await call('POST', `/api/leads/${id}/follow-up`, { token: admin, body: { nextFollowUpAt: '2035-04-01T00:10:00+07:00' } })
    expect(moved.status, JSON.stringify(moved.body)).toBeLessThan(300)
    await expectFactsExact()
    expect(await forecastOf()).toEqual([{ ...key, month: 203504, byFollowUp: 1 }])
    await patch(id, { nextFollowUpAt: null })
    expect(await forecastOf()).toEqual([{ ...key, month: 0, byFollowUp: 0 }])
    await patch(id, { expectedCloseOn: '2035-06-30' })
    expect(await forecastOf()).toEqual([{ ...key, month: 203506, byFollowUp: 0 }])

    // Every other key, one at a time.
    for (const body of [{ stageId: stage.interested }, { assignedTo: people[1] }, { assignedTo: null }, { programId: program[1] }, { programId: null },
      { expectedValue: 2_500_000 }, { notes: 'tidak mengubah fakta' }]) await patch(id, body)
    expect(await forecastOf()).toEqual([{ stageId: stage.interested, assignedTo: 0, programId: 0, month: 203506, byFollowUp: 0, leads: 1, value: 2_500_000 }])

    // The campaign: another case is another spelling; none is ''; another channel is another key.
    await patch(id, { utmCampaign: 'PROMO fakta' })
    expect(await campaignsOf()).toEqual([{ month: 203501, campaign: 'PROMO fakta', leads: 1, closings: 0, revenue: 0 }])
    await patch(id, { utmCampaign: null })
    expect(await campaignsOf()).toEqual([{ month: 203501, campaign: '', leads: 1, closings: 0, revenue: 0 }])
    await patch(id, { utmCampaign: 'Promo Fakta', channelId: otherChannel })
    expect(await campaignsOf()).toEqual([])
    expect(await campaignsOf(otherChannel)).toEqual([{ month: 203501, campaign: 'Promo Fakta', leads: 1, closings: 0, revenue: 0 }])
    await patch(id, { channelId: channel })

    // Trash and restore: out of both and back.
    expect((await call('DELETE', `/api/leads/${id}`, { token: admin })).status).toBe(204)
    await expectFactsExact()
    expect(await campaignsOf()).toEqual([])
    expect(await forecastOf()).toEqual([])
    expect((await call('POST', `/api/leads/${id}/restore`, { token: manager })).status).toBe(200)
    await expectFactsExact()
    expect(await forecastOf()).toHaveLength(1)
  })

  it('count enrolments under the campaign their lead carries now: won on the board, recorded, cancelled, edited by hand', async () => {
    const id = await insertLead({ studentName: 'Fakta Iklan Dua', channelId: channel, utmCampaign: 'Diskon Fakta', programId: program[0],
      createdAt: new Date('2035-01-10T09:00:00+07:00'), expectedValue: 700_000 })
    await expectFactsExact()
    const won = await call('POST', '/api/pipeline/move', { token: admin, body: { leadId: id, stageId: stage.won, programId: program[0], amount: 3_000_000 } })
    expect(won.status, JSON.stringify(won.body)).toBeLessThan(300)
    await expectFactsExact()
    const recorded = await call('POST', '/api/enrollments', { token: admin, body: { leadId: id, programId: program[0], amount: 1_500_000, enrolledAt: '2035-02-28T23:30:00+07:00' } })
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201)
    await expectFactsExact()
    expect((await campaignsOf()).find(f => f.month === 203502)).toEqual({ month: 203502, campaign: 'Diskon Fakta', leads: 0, closings: 1, revenue: 1_500_000 })

    // The lead's campaign changes: its enrolments go with it, whenever they were enrolled; so does trashing it not.
    await patch(id, { utmCampaign: ' diskon FAKTA' })
    expect((await campaignsOf()).filter(f => f.campaign === 'Diskon Fakta')).toEqual([])
    expect(await campaignsOf()).toContainEqual({ month: 203502, campaign: 'diskon FAKTA', leads: 0, closings: 1, revenue: 1_500_000 })
    expect((await call('DELETE', `/api/leads/${id}`, { token: admin })).status).toBe(204)
    await expectFactsExact()
    expect(await campaignsOf()).toContainEqual({ month: 203502, campaign: 'diskon FAKTA', leads: 0, closings: 1, revenue: 1_500_000 })
    expect((await call('POST', `/api/leads/${id}/restore`, { token: manager })).status).toBe(200)

    // Cancelled: it counts no more.
    const enrolmentId = recorded.body.id as number
    expect((await call('PATCH', `/api/enrollments/${enrolmentId}`, { token: admin, body: { status: 'cancelled' } })).status).toBe(200)
    await expectFactsExact()
    expect((await campaignsOf()).find(f => f.month === 203502)).toBeUndefined()

    // By hand: reactivated, moved to another month, channel and amount, another lead's, a new one, deleted.
    await db.execute(sql`UPDATE enrollments SET status = 'active' WHERE id = ${enrolmentId}`)
    await expectFactsExact()
    await db.execute(sql`UPDATE enrollments SET enrolled_at = '2035-03-31 17:10:00', amount = amount + 1 WHERE id = ${enrolmentId}`)
    await expectFactsExact()
    await db.execute(sql`UPDATE enrollments SET channel_id = ${otherChannel} WHERE lead_id = ${id}`)
    await expectFactsExact()
    const other = await insertLead({ studentName: 'Fakta Iklan Tiga', channelId: channel, utmCampaign: 'Lain Fakta', createdAt: new Date('2035-01-11T09:00:00+07:00') })
    await db.execute(sql`UPDATE enrollments SET lead_id = ${other} WHERE id = ${enrolmentId}`)
    await expectFactsExact()
    await db.execute(sql`INSERT INTO enrollments (lead_id, program_id, amount, enrolled_at, channel_id, status)
      VALUES (${other}, ${program[0]!}, 250000, '2035-01-20 03:00:00', ${channel}, 'active'), (${other}, ${program[0]!}, 90000, '2035-01-21 03:00:00', ${channel}, 'cancelled')`)
    await expectFactsExact()
    // Several rows of one statement, a lead's campaign changed with two enrolments of the same month, a delete.
    await db.execute(sql`UPDATE leads SET utm_campaign = 'Lain  Fakta 2' WHERE id = ${other}`)
    await expectFactsExact()
    await db.execute(sql`DELETE FROM enrollments WHERE lead_id = ${other}`)
    await expectFactsExact()
    expect((await campaignsOf()).filter(f => f.campaign.startsWith('Lain'))).toEqual([{ month: 203501, campaign: 'Lain  Fakta 2', leads: 1, closings: 0, revenue: 0 }])
  })

  it('hold after the bulk actions and writes straight into the leads table', async () => {
    const ids: number[] = []
    for (let i = 0; i < 4; i++) {
      ids.push(await insertLead({
        studentName: `Fakta Iklan Massal ${i}`, channelId: channel, utmCampaign: i % 2 ? 'Massal Fakta' : null, assignedTo: people[0],
        createdAt: new Date(`2035-05-${10 + i}T09:00:00+07:00`), expectedValue: 100_000 * (i + 1),
        nextFollowUpAt: new Date(`2035-0${5 + i}-15T09:00:00+07:00`), expectedCloseOn: i === 3 ? '2035-12-01' : null,
      }))
    }
    await expectFactsExact()
    const bulk = async (body: Record<string, unknown>) => {
      expect((await call('POST', '/api/leads/bulk', { token: admin, body })).status).toBe(200)
      await expectFactsExact()
    }
    await bulk({ action: 'assign', ids: ids.slice(0, 3), assignedTo: people[1] })
    await bulk({ action: 'stage', ids: ids.slice(1, 4), stageId: stage.lost, lostReason: 'Harga' })
    await bulk({ action: 'delete', ids: ids.slice(2, 4) })

    // Hand SQL: several rows in one statement (follow-ups within and across months, campaigns, values), a hard
    // delete, a lead inserted already in the trash, one brought back by hand.
    const list = sql.join(ids.map(i => sql`${i}`), sql`, `)
    await db.execute(sql`UPDATE leads SET next_follow_up_at = next_follow_up_at + INTERVAL 1 DAY WHERE id IN (${list})`)
    await expectFactsExact()
    await db.execute(sql`UPDATE leads SET next_follow_up_at = next_follow_up_at + INTERVAL 20 DAY, utm_campaign = UPPER(utm_campaign),
      expected_value = expected_value + 5, stage_id = ${stage.follow_up} WHERE id IN (${list})`)
    await expectFactsExact()
    await db.execute(sql`UPDATE leads SET deleted_at = NULL WHERE id = ${ids[3]!}`)
    await expectFactsExact()
    const doomed = await insertLead({ studentName: 'Fakta Iklan Hapus', channelId: channel, utmCampaign: 'Massal Fakta', createdAt: new Date('2035-05-21T09:00:00+07:00'), nextFollowUpAt: new Date() })
    await expectFactsExact()
    await db.execute(sql`DELETE FROM leads WHERE id = ${doomed}`)
    await expectFactsExact()
    await insertLead({ studentName: 'Fakta Iklan Sampah', channelId: channel, createdAt: new Date('2035-05-20T09:00:00+07:00'), deletedAt: new Date() })
    await expectFactsExact()
    // Live: the first two (assigned, then one lost) and the one restored by hand.
    expect((await campaignsOf()).filter(f => f.month === 203505).reduce((n, f) => n + f.leads, 0)).toBe(3)
  })
})

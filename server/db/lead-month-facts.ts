import type { PoolConnection } from 'mysql2/promise'
import { inTransaction } from './in-transaction'
import { rebuildStageStays } from './stage-stays'
import { rebuildReportFacts } from './report-facts'

/**
 * Bulk loads and the facts kept by triggers: `lead_month_facts` (server/db/schema/summaries.ts), `activity_month_facts`
 * and `lead_response_facts` (team-facts.ts). The triggers stand aside on a connection whose session sets
 * `@crm_bulk_load` (drizzle/0002_lead_month_facts_triggers.sql, 0004_team_facts.sql); what that connection writes to
 * `leads` must then carry its own `stages_reached` and `first_activity_at` (its earliest live activity), and the
 * facts are rebuilt once from the rows at the end. Only for a load nothing else writes leads during (the demo
 * generator empties the tables first), in a process of its own (the CLIs, the bench): a connection left with the
 * variable set must never serve the app.
 */
export async function beginBulkLoad(conns: PoolConnection[]): Promise<void> {
  for (const c of conns) await c.query('SET @crm_bulk_load = 1')
}

/**
 * Back to triggers on these connections (before they return to the pool), then the facts counted from the rows: the
 * month, close and text facts, the stage stays, the ads and forecast facts (server/db/report-facts.ts) and the team
 * facts.
 */
export async function endBulkLoad(conns: PoolConnection[], rebuild: boolean): Promise<void> {
  for (const c of conns) await c.query('SET @crm_bulk_load = NULL')
  if (rebuild && conns[0]) {
    await rebuildLeadMonthFacts(conns[0])
    await rebuildStageStays(conns[0])
    await rebuildReportFacts(conns[0])
    await rebuildActivityMonthFacts(conns[0])
    await rebuildLeadResponseFacts(conns[0])
  }
}

/**
 * The facts (`lead_month_facts`, `text_month_facts`, `close_month_facts`) counted afresh from the live leads, in one
 * transaction: the same counts the triggers keep.
 */
export async function rebuildLeadMonthFacts(conn: PoolConnection): Promise<void> {
  await inTransaction(conn, async () => {
    await conn.query('DELETE FROM lead_month_facts')
    await conn.query(`INSERT INTO lead_month_facts (month, stage_id, channel_id, assigned_to, program_id, reached, leads, expected_value)
        SELECT DATE_FORMAT(created_at + INTERVAL 7 HOUR, '%Y-%m'), stage_id, COALESCE(channel_id, 0), COALESCE(assigned_to, 0),
          COALESCE(program_id, 0), stages_reached, COUNT(*), SUM(expected_value)
        FROM leads WHERE deleted_at IS NULL
        GROUP BY 1, 2, 3, 4, 5, 6`)
    await conn.query('DELETE FROM text_month_facts')
    // Grades per assignee, schools for the whole team only (drizzle/0008_text_month_facts.sql).
    for (const [field, assignee] of [['school', '0'], ['grade', 'COALESCE(assigned_to, 0)']]) {
      await conn.query(`INSERT INTO text_month_facts (month, field, spelling, stage_id, assigned_to, leads)
          SELECT DATE_FORMAT(created_at + INTERVAL 7 HOUR, '%Y-%m'), '${field}', COALESCE(${field}, '') COLLATE utf8mb4_bin, stage_id, ${assignee}, COUNT(*)
          FROM leads WHERE deleted_at IS NULL
          GROUP BY 1, 3, 4, 5`)
    }
    await conn.query('DELETE FROM close_month_facts')
    await conn.query(`INSERT INTO close_month_facts (month, stage_id, channel_id, bucket, leads, enrolled_amount)
        SELECT DATE_FORMAT(created_at + INTERVAL 7 HOUR, '%Y-%m'), stage_id, COALESCE(channel_id, 0), COALESCE(close_bucket, 255),
          COUNT(*), SUM(enrolled_amount)
        FROM leads WHERE deleted_at IS NULL
        GROUP BY 1, 2, 3, 4`)
  })
}

/**
 * The activity facts counted afresh from the live activities and their leads' channel and program, in one
 * transaction: the same count the triggers of drizzle/0004_team_facts.sql keep.
 */
export async function rebuildActivityMonthFacts(conn: PoolConnection): Promise<void> {
  await inTransaction(conn, async () => {
    await conn.query('DELETE FROM activity_month_facts')
    await conn.query(`INSERT INTO activity_month_facts (month, user_id, type, channel_id, program_id, activities)
        SELECT DATE_FORMAT(a.occurred_at + INTERVAL 7 HOUR, '%Y-%m'), COALESCE(a.user_id, 0), a.type,
          COALESCE(l.channel_id, 0), COALESCE(l.program_id, 0), COUNT(*)
        FROM activities a LEFT JOIN leads l ON l.id = a.lead_id
        WHERE a.deleted_at IS NULL
        GROUP BY 1, 2, 3, 4, 5`)
  })
}

/** The response facts counted afresh from the live leads' first activity, in one transaction (drizzle/0004_team_facts.sql). */
export async function rebuildLeadResponseFacts(conn: PoolConnection): Promise<void> {
  await inTransaction(conn, async () => {
    await conn.query('DELETE FROM lead_response_facts')
    await conn.query(`INSERT INTO lead_response_facts (month, assigned_to, hour, leads)
        SELECT DATE_FORMAT(created_at + INTERVAL 7 HOUR, '%Y-%m'), COALESCE(assigned_to, 0), first_response_hour, COUNT(*)
        FROM leads WHERE deleted_at IS NULL AND first_activity_at IS NOT NULL
        GROUP BY 1, 2, 3`)
  })
}

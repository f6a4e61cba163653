import type { PoolConnection } from 'mysql2/promise'
import { inTransaction } from './in-transaction'

/**
 * The ads and forecast summaries (server/db/schema/report-facts.ts) counted afresh from the raw tables, each in one
 * transaction: what their triggers (drizzle/0005_campaign_forecast_facts.sql) keep, for the end of a bulk load that set
 * them aside (server/db/lead-month-facts.ts, endBulkLoad).
 */
export async function rebuildReportFacts(conn: PoolConnection): Promise<void> {
  await inTransaction(conn, async () => {
    await conn.query('DELETE FROM campaign_month_facts')
    // Each spelling of a campaign its own key (binary), as the triggers write them.
    await conn.query(`INSERT INTO campaign_month_facts (channel_id, month, campaign, leads, closings, revenue)
      SELECT channel_id, month, campaign, SUM(leads), SUM(closings), SUM(revenue) FROM (
        SELECT COALESCE(channel_id, 0) AS channel_id, EXTRACT(YEAR_MONTH FROM created_at + INTERVAL 7 HOUR) AS month,
          COALESCE(TRIM(utm_campaign), '') COLLATE utf8mb4_bin AS campaign, COUNT(*) AS leads, 0 AS closings, 0 AS revenue
        FROM leads WHERE deleted_at IS NULL GROUP BY 1, 2, 3
        UNION ALL
        SELECT COALESCE(e.channel_id, 0), EXTRACT(YEAR_MONTH FROM e.enrolled_at + INTERVAL 7 HOUR),
          COALESCE(TRIM(l.utm_campaign), '') COLLATE utf8mb4_bin, 0, COUNT(*), SUM(e.amount)
        FROM enrollments e JOIN leads l ON l.id = e.lead_id WHERE e.status = 'active' GROUP BY 1, 2, 3
      ) d GROUP BY channel_id, month, campaign`)
  })
  await inTransaction(conn, async () => {
    await conn.query('DELETE FROM lead_forecast_facts')
    await conn.query(`INSERT INTO lead_forecast_facts (stage_id, assigned_to, program_id, channel_id, month, by_follow_up, leads, expected_value)
      SELECT stage_id, COALESCE(assigned_to, 0), COALESCE(program_id, 0), COALESCE(channel_id, 0),
        COALESCE(EXTRACT(YEAR_MONTH FROM COALESCE(expected_close_on, next_follow_up_at + INTERVAL 7 HOUR)), 0),
        expected_close_on IS NULL AND next_follow_up_at IS NOT NULL, COUNT(*), SUM(expected_value)
      FROM leads WHERE deleted_at IS NULL
      GROUP BY 1, 2, 3, 4, 5, 6`)
  })
}

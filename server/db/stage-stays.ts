import type { PoolConnection } from 'mysql2/promise'
import { inTransaction } from './in-transaction'

/**
 * `stage_stays` and `stay_month_facts` (server/db/schema/summaries.ts) counted afresh from the history, in one
 * transaction: what their triggers (drizzle/0006_stage_stays.sql) keep, for a bulk load that set them aside
 * (server/db/lead-month-facts.ts).
 */
export async function rebuildStageStays(conn: PoolConnection): Promise<void> {
  // The triggers of stage_stays stand aside while its rows are replaced: the facts are counted once after them.
  await conn.query('SET @crm_bulk_load = 1')
  try {
    await inTransaction(conn, async () => {
      await conn.query('DELETE FROM stay_month_facts')
      await conn.query('DELETE FROM stage_stays')
      await conn.query(`INSERT INTO stage_stays (history_id, lead_id, stage_id, ms, bucket, lead_created_at, lead_deleted_at, channel_id, assigned_to, program_id)
        SELECT s.id, s.lead_id, s.to_stage_id, s.ms, FLOOR(LOG2(s.ms + 1) * 4), l.created_at, l.deleted_at, l.channel_id, l.assigned_to, l.program_id
        FROM (
          SELECT id, lead_id, to_stage_id,
            TIMESTAMPDIFF(MICROSECOND, changed_at, LEAD(changed_at) OVER (PARTITION BY lead_id ORDER BY changed_at, id)) DIV 1000 AS ms
          FROM lead_stage_history
        ) s
        INNER JOIN leads l ON l.id = s.lead_id
        WHERE s.ms IS NOT NULL`)
      await conn.query(`INSERT INTO stay_month_facts (month, stage_id, assigned_to, bucket, stays)
        SELECT DATE_FORMAT(lead_created_at + INTERVAL 7 HOUR, '%Y-%m'), stage_id, COALESCE(assigned_to, 0), bucket, COUNT(*)
        FROM stage_stays WHERE lead_deleted_at IS NULL
        GROUP BY 1, 2, 3, 4`)
    })
  }
  finally {
    await conn.query('SET @crm_bulk_load = NULL')
  }
}

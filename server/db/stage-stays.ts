import type { PoolConnection } from 'mysql2/promise'

/**
 * `stage_stays` (server/db/schema/summaries.ts) counted afresh from the history, in one transaction: what its triggers
 * (drizzle/0006_stage_stays.sql) keep, for a bulk load that set them aside (server/db/lead-month-facts.ts).
 */
export async function rebuildStageStays(conn: PoolConnection): Promise<void> {
  await conn.beginTransaction()
  try {
    await conn.query('DELETE FROM stage_stays')
    await conn.query(`INSERT INTO stage_stays (history_id, lead_id, stage_id, ms, lead_created_at, lead_deleted_at, channel_id, assigned_to, program_id)
      SELECT s.id, s.lead_id, s.to_stage_id, TIMESTAMPDIFF(MICROSECOND, s.changed_at, s.next_at) DIV 1000,
        l.created_at, l.deleted_at, l.channel_id, l.assigned_to, l.program_id
      FROM (
        SELECT id, lead_id, to_stage_id, changed_at, LEAD(changed_at) OVER (PARTITION BY lead_id ORDER BY changed_at, id) AS next_at
        FROM lead_stage_history
      ) s
      INNER JOIN leads l ON l.id = s.lead_id
      WHERE s.next_at IS NOT NULL`)
    await conn.commit()
  }
  catch (error) {
    await conn.rollback()
    throw error
  }
}

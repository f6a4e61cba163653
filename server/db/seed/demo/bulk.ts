/** Fast multi-row inserts on dedicated connections, and emptying the demo tables. */
import { getTableColumns, getTableName } from 'drizzle-orm'
import type { MySqlTable } from 'drizzle-orm/mysql-core'
import type { PoolConnection } from 'mysql2/promise'

/** Rows per INSERT statement: a few MB at most, well under max_allowed_packet. */
const ROWS_PER_STATEMENT = 4000

function sqlValue(value: unknown): unknown {
  if (value === undefined) return null
  if (value === null || value instanceof Date || Buffer.isBuffer(value) || typeof value !== 'object') return value
  return JSON.stringify(value)
}

/**
 * `INSERT INTO t (...) VALUES (...), (...)` for rows typed by the drizzle table. The column list
 * comes from the first row's keys (all rows of a batch have the same keys); mysql2 escapes the values
 * (the pool runs with timezone 'Z', so dates go in as UTC).
 */
export async function insertRows<T extends MySqlTable>(conn: PoolConnection, table: T, rows: readonly T['$inferInsert'][]): Promise<void> {
  if (!rows.length) return
  const columns = getTableColumns(table) as Record<string, { name: string }>
  const keys = Object.keys(rows[0] as object).filter(k => columns[k])
  const names = keys.map(k => `\`${columns[k]!.name}\``).join(', ')
  const head = `INSERT INTO \`${getTableName(table)}\` (${names}) VALUES ?`
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const values = rows.slice(i, i + ROWS_PER_STATEMENT).map((row) => {
      const record = row as Record<string, unknown>
      return keys.map(k => sqlValue(record[k]))
    })
    await conn.query(head, [values])
  }
}

/**
 * Empty the given tables, plus any other table holding a foreign key to one of them (so nothing is
 * left pointing at a lead id that is about to be reused). TRUNCATE resets the auto-increment counters.
 */
export async function truncateTables(conn: PoolConnection, tables: string[], log: (msg: string) => void): Promise<string[]> {
  const [refRows] = await conn.query(
    `SELECT DISTINCT TABLE_NAME AS t, REFERENCED_TABLE_NAME AS r FROM information_schema.KEY_COLUMN_USAGE
     WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL`,
  )
  const refs = refRows as { t: string, r: string }[]
  const extra: string[] = []
  for (let grew = true; grew;) {
    grew = false
    for (const { t, r } of refs) {
      if ((tables.includes(r) || extra.includes(r)) && !tables.includes(t) && !extra.includes(t)) {
        extra.unshift(t)
        grew = true
      }
    }
  }
  if (extra.length) log(`also emptying ${extra.join(', ')} (they reference the demo tables)`)
  const all = [...extra, ...tables]
  await conn.query('SET FOREIGN_KEY_CHECKS = 0')
  try {
    for (const t of all) await conn.query(`TRUNCATE TABLE \`${t}\``)
  }
  finally {
    await conn.query('SET FOREIGN_KEY_CHECKS = 1')
  }
  return all
}

import { drizzle } from 'drizzle-orm/mysql2'
import mysql from 'mysql2/promise'
import { leadListQuerySchema } from '../../shared/schemas/leads'
import * as schema from '../../server/db/schema'
import type { SessionUser } from '../../server/services/auth/sessions'
import { listLeads } from '../../server/services/leads/list'

interface Captured { query: string, params: unknown[] }

/**
 * The SQL the API runs for one leads view, captured from the service itself on a warm call (the
 * total cached, as the API serves it), then timed straight through mysql2: the baseline the
 * issue compares the API against (at most 1.5 times as long).
 */
export async function timeLeadsSql(url: string, user: SessionUser, search: string, runs = 25): Promise<{ median: number, statements: number }> {
  const pool = mysql.createPool({ uri: url, connectionLimit: 1, timezone: 'Z' })
  pool.pool.on('connection', conn => conn.query(`SET time_zone = '+00:00'`))
  let captured: Captured[] = []
  const db = drizzle({ client: pool, schema, mode: 'default', logger: { logQuery: (query, params) => captured.push({ query, params }) } })
  const query = leadListQuerySchema.parse(Object.fromEntries(new URLSearchParams(search)))
  try {
    await listLeads(db, user, query)
    captured = []
    await listLeads(db, user, query)
    const statements = captured
    const times: number[] = []
    for (let i = 0; i < runs + 1; i++) {
      const t = performance.now()
      for (const s of statements) await pool.query(s.query, s.params)
      if (i > 0) times.push(performance.now() - t)
    }
    times.sort((a, b) => a - b)
    return { median: times[Math.floor(times.length / 2)]!, statements: statements.length }
  }
  finally {
    await pool.end()
  }
}

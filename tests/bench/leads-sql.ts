import { drizzle } from 'drizzle-orm/mysql2'
import mysql from 'mysql2/promise'
import { leadListQuerySchema } from '../../shared/schemas/leads'
import * as schema from '../../server/db/schema'
import type { SessionUser } from '../../server/services/auth/sessions'
import { listLeads } from '../../server/services/leads/list'

interface Captured { query: string, params: unknown[] }

export interface LeadsSql {
  statements: number
  /** Runs the captured statements once, one after the other on one connection; resolves to the milliseconds taken. */
  run: () => Promise<number>
  close: () => Promise<void>
}

/**
 * The SQL the API runs for one leads view, captured from the service itself on a warm call (the total cached,
 * as the API serves it), to be timed straight through mysql2: the baseline the issue compares the API against
 * (at most 1.5 times as long). Every statement the service sent to mysql2 is replayed, in order, with its
 * parameters, through mysql2's defaults (no drizzle decoding).
 */
export async function captureLeadsSql(url: string, user: SessionUser, search: string): Promise<LeadsSql> {
  const pool = mysql.createPool({ uri: url, connectionLimit: 1, timezone: 'Z' })
  pool.pool.on('connection', conn => conn.query(`SET time_zone = '+00:00'`))
  // Captured where the statements reach mysql2, whether they came through drizzle or straight from the service.
  let captured: Captured[] = []
  const query_ = pool.query.bind(pool)
  pool.query = ((options: string | { sql: string }, params?: unknown[]) => {
    captured.push({ query: typeof options === 'string' ? options : options.sql, params: params ?? [] })
    return query_(options as never, params as never)
  }) as typeof pool.query
  const db = drizzle({ client: pool, schema, mode: 'default' })
  const query = leadListQuerySchema.parse(Object.fromEntries(new URLSearchParams(search)))
  await listLeads(db, user, query)
  captured = []
  await listLeads(db, user, query)
  const statements = captured
  return {
    statements: statements.length,
    run: async () => {
      const t = performance.now()
      for (const s of statements) await query_(s.query, s.params as never)
      return performance.now() - t
    },
    close: () => pool.end(),
  }
}

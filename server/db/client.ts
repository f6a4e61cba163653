import { drizzle } from 'drizzle-orm/mysql2'
import mysql from 'mysql2/promise'
import * as schema from './schema'
import { trackWrites } from './versions'

export type Database = ReturnType<typeof createDb>['db']
/** A transaction handle; services accept either. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0]
export type DbOrTx = Database | Tx

/** One pool per process. Every connection runs in UTC so DATETIME values are UTC instants. */
export function createDb(url: string, poolSize = 10) {
  const pool = mysql.createPool({
    uri: url,
    connectionLimit: poolSize,
    timezone: 'Z',
    dateStrings: false,
    supportBigNumbers: true,
    bigNumberStrings: false,
    decimalNumbers: true,
    enableKeepAlive: true,
    charset: 'utf8mb4_unicode_ci',
    trace: false,
  })
  // mysql2's pool hands out raw connections: set the session time zone on each new one.
  pool.pool.on('connection', (conn) => {
    conn.query(`SET time_zone = '+00:00'`)
  })
  // Every write bumps the versions of the cached read models it can change (see versions.ts).
  trackWrites(pool)
  const db = drizzle({ client: pool, schema, mode: 'default' })
  return { db, pool }
}

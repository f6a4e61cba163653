import type { SQL } from 'drizzle-orm'
import { MySqlDialect } from 'drizzle-orm/mysql-core'
import type { DbOrTx } from '../../utils/db'

/**
 * Counting a million index entries takes tens of milliseconds however good the index, and the leads table asks
 * for a total on every page. Large totals are therefore kept for a short while: nobody can tell 812,345 from
 * 812,346. A small total (under 10,000: cheap to count, easy to check by eye) is always counted afresh.
 * Lead writes through these services clear the cache at once; writes elsewhere (another instance, an import
 * that does not call invalidateLeadCounts) show within the TTL.
 */
const TTL_MS = 30_000
const MIN_CACHED_TOTAL = 10_000
const MAX_ENTRIES = 500

const dialect = new MySqlDialect()
const cache = new Map<string, { count: number, expires: number }>()
/** Counts being computed: concurrent requests for the same total wait for one query instead of each running it. */
const running = new Map<string, Promise<number>>()
/** Bumped by every invalidation, so a count that started before a write is not kept. */
let generation = 0

/** Call after a change to leads (create, update, delete, restore, import) so totals are exact again. */
export function invalidateLeadCounts(): void {
  generation++
  cache.clear()
  running.clear()
}

/** The `n` of a `SELECT COUNT(*) AS n ...` statement, from the cache when it is large and fresh. */
export async function cachedCount(db: DbOrTx, statement: SQL): Promise<number> {
  const query = dialect.sqlToQuery(statement)
  const key = `${query.sql}\n${JSON.stringify(query.params)}`
  const hit = cache.get(key)
  if (hit && hit.expires > Date.now()) return hit.count
  if (hit) cache.delete(key)
  const pending = running.get(key)
  if (pending) return pending

  const started = generation
  const counting = (async () => {
    const [rows] = await db.execute<{ n: number | string }>(statement) as unknown as [{ n: number | string }[]]
    const count = Number(rows[0]?.n ?? 0)
    if (count >= MIN_CACHED_TOTAL && started === generation) {
      if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!)
      cache.set(key, { count, expires: Date.now() + TTL_MS })
    }
    return count
  })()
  running.set(key, counting)
  try {
    return await counting
  }
  finally {
    if (running.get(key) === counting) running.delete(key)
  }
}

/**
 * Data versions: one counter per cached read model (`data_versions` row), bumped in the same transaction as
 * every write to a table that model reads. A cached answer is reused only while the counter it was computed
 * under is still the current one, so a committed write shows in the very next read, in every process sharing
 * the database; a check costs one primary-key read.
 *
 * The bump is made here, where every statement passes on its way to MySQL, not in the services: no write path
 * (a service, a task, the demo generator, a test helper writing rows directly) can forget it. A write statement
 * that names a watched table marks its transaction; the counter is bumped just before that transaction's COMMIT
 * (last, so the row lock on the counter is held only for the commit and cannot take part in a deadlock). A write
 * outside a transaction is wrapped in one with its bump. Overmatching (a statement that merely mentions a watched
 * table) costs a cache miss, never a stale answer.
 */
import { inArray } from 'drizzle-orm'
import type { Pool, PoolConnection } from 'mysql2/promise'
import type { DbOrTx } from './client'
import { dataVersions } from './schema'

interface Versioned {
  /** Every table the model reads. Adding a read to a cached model means adding its table here. */
  tables: readonly string[]
  /**
   * Per table, columns the model never reads: an UPDATE that sets nothing else leaves the model's version alone.
   * A list of what to ignore rather than of what matters, so a column added later counts until someone decides.
   */
  unless?: Readonly<Record<string, readonly string[]>>
}

export const VERSIONED = {
  /** The dashboard's month figures (server/services/dashboard/queries.ts). */
  dashboard: {
    tables: ['leads', 'lead_stage_history', 'enrollments', 'targets', 'pipeline_stages', 'programs', 'channels', 'users'],
    // The day's follow-up bookkeeping (an activity logged, a follow-up moved, a form sent again) and a sign-in,
    // by far the most frequent writes, cannot move a month's figure.
    unless: {
      leads: ['next_follow_up_at', 'last_activity_at', 'follow_up_status', 'updated_at'],
      users: ['last_login_at', 'notification_prefs', 'updated_at'],
    },
  },
  /** The dashboard's overdue follow-ups per person (`overdueAt`). */
  followups: {
    tables: ['leads', 'pipeline_stages'],
    unless: { leads: ['last_activity_at', 'follow_up_status', 'updated_at'] },
  },
} as const satisfies Record<string, Versioned>

export type VersionName = keyof typeof VERSIONED

const NAMES = Object.keys(VERSIONED) as VersionName[]
const LEADING_COMMENTS = /^(?:\s+|\/\*[\s\S]*?\*\/|--[^\n]*(?:\n|$)|#[^\n]*(?:\n|$))*/
const WRITE = /^(?:insert|update|delete|replace|truncate|alter|drop|rename|load)\b/i
const BEGIN = /^(?:begin|start\s+transaction)\b/i
const COMMIT = /^commit\b/i
// A whole-transaction rollback; `ROLLBACK TO SAVEPOINT` keeps the transaction (and its mark) going.
const ROLLBACK = /^rollback(?:\s+work)?\s*;?\s*$/i
// `update \`t\` set \`a\` = ?, \`b\` = ? where ...` as drizzle writes it: the table and the assignments.
const SIMPLE_UPDATE = /^update\s+`?(\w+)`?\s+set\s+([\s\S]*?)(?:\s+where\s[\s\S]*)?$/i
const ASSIGNMENT = /^`?(\w+)`?\s*=\s*(?:\?|null|now\(\d?\)|current_timestamp(?:\(\d?\))?|'[^']*'|[\w.]+)$/i
const mentions = (tables: readonly string[]) => new RegExp(`(?:^|[^\\w$])(?:${tables.join('|')})(?![\\w$])`, 'i')
const WATCH = Object.fromEntries(NAMES.map((name) => {
  const { tables, unless = {} } = VERSIONED[name] as Versioned
  return [name, {
    any: mentions(tables),
    // With the UPDATE's own table left out: another watched table named anywhere in it counts.
    others: Object.fromEntries(Object.keys(unless).map(t => [t, tables.length > 1 ? mentions(tables.filter(x => x !== t)) : /$^/])),
    unless: Object.fromEntries(Object.entries(unless).map(([t, cols]) => [t, new Set(cols)])),
  }]
})) as Record<VersionName, { any: RegExp, others: Record<string, RegExp>, unless: Record<string, Set<string>> }>
const ER_NO_SUCH_TABLE = 1146

type StatementKind = { kind: 'begin' | 'commit' | 'rollback' | 'other' } | { kind: 'write', versions: VersionName[] }

function sqlText(statement: unknown): string {
  if (typeof statement === 'string') return statement
  if (statement && typeof statement === 'object' && 'sql' in statement && typeof statement.sql === 'string') return statement.sql
  return ''
}

/** The table and the columns a plain single-table UPDATE sets; null for anything else or anything unsure. */
function updatedColumns(text: string): { table: string, columns: string[] } | null {
  const m = SIMPLE_UPDATE.exec(text)
  if (!m) return null
  const parts = m[2]!.split(',').map(p => p.trim())
  const columns: string[] = []
  for (const part of parts) {
    const a = ASSIGNMENT.exec(part)
    if (!a) return null
    columns.push(a[1]!.toLowerCase())
  }
  return { table: m[1]!.toLowerCase(), columns }
}

/** Whether a write can change what a model reads (when unsure: yes). */
function touches(name: VersionName, text: string): boolean {
  const watch = WATCH[name]
  if (!watch.any.test(text)) return false
  const update = updatedColumns(text)
  const ignored = update && watch.unless[update.table]
  if (!update || !ignored) return true
  return !update.columns.every(c => ignored.has(c)) || watch.others[update.table]!.test(text)
}

/** What a statement means for the versions: a transaction boundary, a write to watched tables, or neither. */
export function classifyStatement(statement: unknown): StatementKind {
  const text = sqlText(statement).replace(LEADING_COMMENTS, '')
  if (BEGIN.test(text)) return { kind: 'begin' }
  if (COMMIT.test(text)) return { kind: 'commit' }
  if (ROLLBACK.test(text)) return { kind: 'rollback' }
  if (!WRITE.test(text)) return { kind: 'other' }
  const versions = NAMES.filter(name => touches(name, text))
  return versions.length ? { kind: 'write', versions } : { kind: 'other' }
}

// The floor makes a counter created afresh (a database dropped and made again) start above any value a running
// process may have cached; +1 keeps it strictly increasing whatever the clocks say.
const BUMP = 'INSERT INTO data_versions (name, version) VALUES (?, ?) ON DUPLICATE KEY UPDATE version = GREATEST(version + 1, ?)'

type Query = (sql: unknown, values?: unknown) => Promise<unknown>

async function bump(query: Query, versions: Iterable<VersionName>): Promise<void> {
  const floor = Date.now() * 1000
  for (const name of versions) {
    try {
      await query(BUMP, [name, floor, floor])
    }
    catch (error) {
      // Before the migration that creates the table (the migrations themselves write to watched tables).
      if ((error as { errno?: number }).errno !== ER_NO_SUCH_TABLE) throw error
    }
  }
}

/** Route one leased connection's statements through the version bookkeeping. */
function trackConnection(conn: PoolConnection): PoolConnection {
  // Per lease: a pooled connection is handed back only after its transaction committed or rolled back.
  let inTransaction = false
  const dirty = new Set<VersionName>()
  const rawQuery = (conn.query as Query).bind(conn)
  for (const method of ['query', 'execute'] as const) {
    const original = (conn[method] as Query).bind(conn)
    const wrapped: Query = async (sql, values) => {
      const statement = classifyStatement(sql)
      switch (statement.kind) {
        case 'begin': {
          const result = await original(sql, values)
          inTransaction = true
          dirty.clear()
          return result
        }
        case 'commit': {
          if (dirty.size) await bump(rawQuery, dirty)
          const result = await original(sql, values)
          inTransaction = false
          dirty.clear()
          return result
        }
        case 'rollback': {
          const result = await original(sql, values)
          inTransaction = false
          dirty.clear()
          return result
        }
        case 'write': {
          if (inTransaction) {
            for (const v of statement.versions) dirty.add(v)
            return original(sql, values)
          }
          // Autocommit: run it as a transaction of its own, with its bump.
          await rawQuery('BEGIN')
          try {
            const result = await original(sql, values)
            await bump(rawQuery, statement.versions)
            await rawQuery('COMMIT')
            return result
          }
          catch (error) {
            await rawQuery('ROLLBACK').catch(() => {})
            throw error
          }
        }
        default:
          return original(sql, values)
      }
    }
    ;(conn as unknown as Record<string, Query>)[method] = wrapped
  }
  return conn
}

/**
 * Make every write through this pool bump the versions of the read models it can change. Statements sent
 * straight on the pool are run on a leased connection when they write, so the bump shares their transaction.
 */
export function trackWrites(pool: Pool): Pool {
  const getConnection = pool.getConnection.bind(pool)
  pool.getConnection = async () => trackConnection(await getConnection())
  for (const method of ['query', 'execute'] as const) {
    const original = (pool[method] as Query).bind(pool)
    ;(pool as unknown as Record<string, Query>)[method] = async (sql, values) => {
      if (classifyStatement(sql).kind !== 'write') return original(sql, values)
      const conn = await pool.getConnection()
      try {
        return await (conn[method] as Query)(sql, values)
      }
      finally {
        conn.release()
      }
    }
  }
  return pool
}

/** The current versions of some read models, in one primary-key read; null for none yet (then nothing may be cached). */
export async function readVersions<N extends VersionName>(db: DbOrTx, names: readonly N[]): Promise<Record<N, number | null>> {
  const rows = await db.select({ name: dataVersions.name, version: dataVersions.version }).from(dataVersions).where(inArray(dataVersions.name, [...names]))
  const found = new Map(rows.map(r => [r.name, r.version]))
  return Object.fromEntries(names.map(n => [n, found.get(n) ?? null])) as Record<N, number | null>
}

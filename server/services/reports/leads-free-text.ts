import { sql, type SQL } from 'drizzle-orm'
import type { MySqlColumn } from 'drizzle-orm/mysql-core'
import { leads } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { inIds, jakartaMonthOf, type Outcomes } from './cohort'
import type { GroupTally } from './leads'

/**
 * Schools and grades are typed by hand: 'SMAN 1 Bandung', 'sman 1 bandung ' and ' SMAN 1 BANDUNG' are one school.
 * A group is the value trimmed and lower-cased (compared byte for byte, so 'é' and 'e' stay apart); it shows
 * its most common spelling. Empty and missing values are one group ("not filled").
 *
 * The leads are counted per exact spelling first (one grouped scan of the cohort), the spellings folded into
 * groups and ranked in SQL (window functions, MySQL 8 and MariaDB ≥ 10.2), so only the top groups leave the
 * database. The rest, and on shared pages' behalf every school with a single lead (a school that names one
 * lead is personal data), are summed into `others` by the caller from the period's totals.
 */

/** How many school or grade groups are listed on their own. */
export const FREE_TEXT_LIMIT = 50

const num = (v: unknown) => Number(v ?? 0)
/** The group key of a value: trimmed, lower case, byte-wise; '' for empty or missing. */
const keyOf = (column: SQL | MySqlColumn) => sql`COALESCE(LOWER(TRIM(${column})), '')`
const exact = (column: MySqlColumn) => sql`${column} COLLATE utf8mb4_bin`

interface FreeTextRow { k: string, label: string | null, leads: number | string, won: number | string, all_groups: number | string }

export async function freeTextGroups(
  db: DbOrTx, column: MySqlColumn, cohort: SQL, stages: Outcomes, { hideSingletons }: { hideSingletons: boolean },
): Promise<{ groups: GroupTally[], counted: number }> {
  const won = sql`SUM(CASE WHEN ${inIds(leads.stageId, stages.won)} THEN 1 ELSE 0 END)`
  // Singletons (a school with one lead) rank after every other group, so they are never among those listed.
  const listed = hideSingletons ? sql`(g.leads > 1 OR g.k = '')` : sql`1`
  const statement = sql`
    SELECT g.k, g.label, g.leads, g.won, COUNT(*) OVER () AS all_groups
    FROM (
      SELECT s.k, s.spelling AS label,
        SUM(s.n) OVER (PARTITION BY s.k) AS leads,
        SUM(s.won) OVER (PARTITION BY s.k) AS won,
        ROW_NUMBER() OVER (PARTITION BY s.k ORDER BY s.n DESC, s.spelling) AS rn
      FROM (
        SELECT e.spelling, e.n, e.won, ${keyOf(sql`e.spelling`)} AS k
        FROM (
          SELECT ${exact(column)} AS spelling, COUNT(*) AS n, ${won} AS won
          FROM ${leads} WHERE ${cohort}
          GROUP BY spelling
        ) e
      ) s
    ) g
    WHERE g.rn = 1
    ORDER BY ${listed} DESC, g.leads DESC, g.won DESC, g.k
    LIMIT ${FREE_TEXT_LIMIT}`
  const [rows] = await db.execute(statement) as unknown as [FreeTextRow[]]
  const groups: GroupTally[] = rows
    .filter(r => !hideSingletons || num(r.leads) > 1 || r.k === '')
    .map(r => ({
      key: r.k === '' ? 'none' : `${column.name}:${r.k}`,
      kind: r.k === '' ? 'none' : 'item',
      label: r.k === '' ? null : String(r.label).trim(),
      leads: num(r.leads),
      won: num(r.won),
    }))
  return { groups, counted: num(rows[0]?.all_groups) }
}

/** Leads per month of the named groups (keys as `freeTextGroups` gives them). */
export async function freeTextTrend(db: DbOrTx, column: MySqlColumn, cohort: SQL, keys: string[]): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>()
  if (!keys.length) return out
  const raw = keys.map(k => (k === 'none' ? '' : k.slice(column.name.length + 1)))
  const month = jakartaMonthOf(leads.createdAt)
  const statement = sql`
    SELECT ${keyOf(exact(column))} AS k, ${month} AS month, COUNT(*) AS n
    FROM ${leads}
    WHERE ${cohort} AND ${keyOf(exact(column))} IN (${sql.join(raw.map(k => sql`${k}`), sql`, `)})
    GROUP BY k, month`
  const [rows] = await db.execute(statement) as unknown as [{ k: string, month: string, n: number | string }[]]
  for (const r of rows) {
    const key = r.k === '' ? 'none' : `${column.name}:${r.k}`
    out.set(key, (out.get(key) ?? new Map()).set(r.month, num(r.n)))
  }
  return out
}

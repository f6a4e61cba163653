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

/**
 * One more scan of the cohort for the months: leads and won per month in all, and leads per month of the named
 * groups (keys as `freeTextGroups` gives them), the rest folded together in SQL.
 */
export async function freeTextMonths(db: DbOrTx, column: MySqlColumn, cohort: SQL, stages: Outcomes, keys: string[]) {
  const totals = new Map<string, { leads: number, won: number }>()
  const perKey = new Map<string, Map<string, number>>()
  const raw = keys.map(k => (k === 'none' ? '' : k.slice(column.name.length + 1)))
  const key = keyOf(exact(column))
  // '=' marks a named group (its key may be '', the unfilled one); NULL is everything else.
  const named = raw.length ? sql`CASE WHEN ${key} IN (${sql.join(raw.map(k => sql`${k}`), sql`, `)}) THEN CONCAT('=', ${key}) END` : sql`NULL`
  const month = jakartaMonthOf(leads.createdAt)
  const [rows] = await db.execute(sql`
    SELECT ${named} AS k, ${month} AS month, COUNT(*) AS n, SUM(CASE WHEN ${inIds(leads.stageId, stages.won)} THEN 1 ELSE 0 END) AS won
    FROM ${leads} WHERE ${cohort}
    GROUP BY k, month`) as unknown as [{ k: string | null, month: string, n: number | string, won: number | string }[]]
  for (const r of rows) {
    const t = totals.get(r.month) ?? { leads: 0, won: 0 }
    totals.set(r.month, { leads: t.leads + num(r.n), won: t.won + num(r.won) })
    if (r.k == null) continue
    const k = r.k.slice(1)
    const groupKey = k === '' ? 'none' : `${column.name}:${k}`
    perKey.set(groupKey, (perKey.get(groupKey) ?? new Map()).set(r.month, num(r.n)))
  }
  return { totals, perKey }
}

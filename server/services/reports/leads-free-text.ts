import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm'
import type { MySqlColumn } from 'drizzle-orm/mysql-core'
import { leads, textMonthFacts } from '../../db/schema'
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

/**
 * Where the spellings are counted from: without a channel, source type or program in the cohort (and for schools
 * without a person), `text_month_facts` (leads per month, spelling, stage and for grades assignee, kept by triggers:
 * a few thousand rows a month instead of every lead); otherwise the cohort's leads.
 */
export interface FreeTextSource { name: 'school' | 'grade', table: SQL, where: SQL, spelling: SQL, count: SQL, won: SQL, month: SQL }

/**
 * The cohort's leads themselves, read from the index of the narrowing filter (`index`: the person's, channel's or
 * program's, each covering the cohort's keys and both free-text columns; left alone MariaDB takes the period index
 * and reads every row).
 */
export function leadsSource(column: typeof leads.school | typeof leads.grade, cohort: SQL, stages: Outcomes, index?: string): FreeTextSource {
  return {
    name: column.name as 'school' | 'grade', table: index ? sql`${leads} FORCE INDEX (${sql.raw(index)})` : sql`${leads}`, where: cohort, spelling: exact(column), count: sql`COUNT(*)`,
    won: sql`SUM(CASE WHEN ${inIds(leads.stageId, stages.won)} THEN 1 ELSE 0 END)`, month: jakartaMonthOf(leads.createdAt),
  }
}

/** The month facts of the leads of the months `from`..`to`: the whole team's, or for grades one person's. */
export function factsSource(name: 'school' | 'grade', from: string, to: string, stages: Outcomes, person?: number): FreeTextSource {
  return {
    name, table: sql`${textMonthFacts}`,
    where: and(
      eq(textMonthFacts.field, name), gte(textMonthFacts.month, from), lte(textMonthFacts.month, to),
      person != null ? eq(textMonthFacts.assignedTo, person) : undefined,
    )!,
    spelling: sql`${textMonthFacts.spelling}`, count: sql`SUM(${textMonthFacts.leads})`,
    won: sql`SUM(CASE WHEN ${inIds(textMonthFacts.stageId, stages.won)} THEN ${textMonthFacts.leads} ELSE 0 END)`,
    month: sql`${textMonthFacts.month}`,
  }
}

interface FreeTextRow { k: string, label: string | null, leads: number | string, won: number | string, all_groups: number | string }

export async function freeTextGroups(
  db: DbOrTx, src: FreeTextSource, { hideSingletons }: { hideSingletons: boolean },
): Promise<{ groups: GroupTally[], counted: number }> {
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
          SELECT ${src.spelling} AS spelling, ${src.count} AS n, ${src.won} AS won
          FROM ${src.table} WHERE ${src.where}
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
      key: r.k === '' ? 'none' : `${src.name}:${r.k}`,
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
export async function freeTextMonths(db: DbOrTx, src: FreeTextSource, keys: string[]) {
  const totals = new Map<string, { leads: number, won: number }>()
  const perKey = new Map<string, Map<string, number>>()
  const raw = keys.map(k => (k === 'none' ? '' : k.slice(src.name.length + 1)))
  const key = keyOf(src.spelling)
  // '=' marks a named group (its key may be '', the unfilled one); NULL is everything else.
  const named = raw.length ? sql`CASE WHEN ${key} IN (${sql.join(raw.map(k => sql`${k}`), sql`, `)}) THEN CONCAT('=', ${key}) END` : sql`NULL`
  const [rows] = await db.execute(sql`
    SELECT ${named} AS k, ${src.month} AS month, ${src.count} AS n, ${src.won} AS won
    FROM ${src.table} WHERE ${src.where}
    GROUP BY k, month`) as unknown as [{ k: string | null, month: string, n: number | string, won: number | string }[]]
  for (const r of rows) {
    const t = totals.get(r.month) ?? { leads: 0, won: 0 }
    totals.set(r.month, { leads: t.leads + num(r.n), won: t.won + num(r.won) })
    if (r.k == null) continue
    const k = r.k.slice(1)
    const groupKey = k === '' ? 'none' : `${src.name}:${k}`
    perKey.set(groupKey, (perKey.get(groupKey) ?? new Map()).set(r.month, num(r.n)))
  }
  return { totals, perKey }
}

import { and, desc, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm'
import { MySqlDialect } from 'drizzle-orm/mysql-core'
import type { LeadListQuery, LeadTrashQuery } from '../../../shared/schemas/leads'
import type { LeadListItem, LeadListResponse, LeadTrashItem } from '../../../shared/types/leads'
import { leads } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { leadScope } from '../../utils/scope'
import type { SessionUser } from '../auth/sessions'
import { cachedCount } from './counts'
import { buildLeadFilter, type LeadFilter } from './filters'
import { planSort, type Segment, type SortPlan } from './sorting'
import { loadListItems } from './list-items'
import { loadLeadRows, toTrashItem } from './serialize'

/**
 * The leads table: filter, sort, page and count on the server. Two steps, so that only the rows shown are
 * ever read in full: first the ids of the page (from indexes), then those rows with their joins.
 */
export async function listLeads(db: DbOrTx, user: SessionUser, query: LeadListQuery): Promise<LeadListResponse<LeadListItem>> {
  const filter = await buildLeadFilter(db, user, query)
  if (filter.none) return { items: [], total: 0 }
  const plan = await planSort(db, query.sort, query.dir)
  const offset = (query.page - 1) * query.pageSize
  const { ids, total } = filter.text
    ? await searchPage(db, filter, plan, offset, query.pageSize)
    : await segmentedPage(db, [filter.scope, ...filter.where], plan, offset, query.pageSize)
  return { items: await loadListItems(db, ids), total }
}

type Page = { ids: number[], total: number }

const countOf = (db: DbOrTx, where: (SQL | undefined)[]) => cachedCount(db, sql`SELECT COUNT(*) AS n FROM ${leads} WHERE ${and(...where)}`)

const dialect = new MySqlDialect()

/**
 * The ids of one page of a segment, read off its index. Written as one SQL template rather than with the query
 * builder, and sent to mysql2 directly given the pool: every view of the table runs it, and the builder's
 * rendering and row mapping cost more than a third of what the statement itself takes (see the README).
 */
async function pageOf(db: DbOrTx, where: SQL[], segment: Segment, offset: number, limit: number): Promise<number[]> {
  const statement = sql`SELECT ${leads.id} AS id FROM ${leads} WHERE ${and(...where, segment.where)} ORDER BY ${sql.join(segment.orderBy, sql`, `)} LIMIT ${limit} OFFSET ${offset}`
  const query = dialect.sqlToQuery(statement)
  const [rows] = ('$client' in db
    ? await db.$client.query(query.sql, query.params)
    : await db.execute(statement)) as unknown as [{ id: number }[]]
  return rows.map(r => Number(r.id))
}

/**
 * A filtered list read off an index in order. With several segments (see sorting.ts) they are read one after
 * the other; a segment is counted only when the page lies beyond it, so the first page never counts one.
 */
async function segmentedPage(db: DbOrTx, where: SQL[], plan: SortPlan, offset: number, limit: number, knownTotal?: number): Promise<Page> {
  const total = knownTotal === undefined ? countOf(db, where) : Promise.resolve(knownTotal)
  const ids: number[] = []
  const single = plan.segments.length === 1
  for (const segment of plan.segments) {
    if (limit <= 0) break
    if (offset > 0 && !single) {
      const size = await countOf(db, [...where, segment.where])
      if (offset >= size) {
        offset -= size
        continue
      }
    }
    const part = await pageOf(db, where, segment, offset, limit)
    ids.push(...part)
    limit -= part.length
    offset = 0
  }
  return { ids, total: await total }
}

/** Above this many matches, walking the sort order and checking each row finds a page sooner than sorting them all. */
const WALK_ABOVE = 30_000

/**
 * Text search: each alternative (student, parent, school name prefix) is read from its own index and the
 * union of the matches sorted; with the default order the table itself is not touched until the page is known.
 * A Sales/CS user's scope is joined as the (covered) set of their lead ids rather than checked row by row.
 */
async function searchPage(db: DbOrTx, filter: LeadFilter, plan: SortPlan, offset: number, limit: number): Promise<Page> {
  const live = [isNull(leads.deletedAt), ...filter.where]
  const base = filter.ownerId === null ? [filter.scope, ...filter.where] : live
  const keys = plan.keys.map((k, i) => sql`${k.expr} AS ${sql.identifier(`k${i}`)}`)
  const matches = (withKeys: boolean) => sql.join(filter.text!.map(text =>
    sql`(SELECT ${leads.id}${withKeys ? sql`, ${sql.join(keys, sql`, `)}` : sql``} FROM ${leads} WHERE ${and(...base, text)})`), sql` UNION `)
  // DISTINCT keeps the optimiser from merging the derived table back into a row-by-row join.
  const scoped = filter.ownerId === null ? sql`` : sql` JOIN (SELECT DISTINCT ${leads.id} AS id FROM ${leads} WHERE ${filter.scope}) AS s ON s.id = m.id`

  const total = await cachedCount(db, sql`SELECT COUNT(*) AS n FROM (${matches(false)}) AS m${scoped}`)
  if (!total || offset >= total) return { ids: [], total }
  if (total > WALK_ABOVE) return segmentedPage(db, [filter.scope, ...filter.where, or(...filter.text!)!], plan, offset, limit, total)

  const dir = (d: 'asc' | 'desc') => sql.raw(d === 'asc' ? 'ASC' : 'DESC')
  const orderBy = sql.join([
    ...plan.keys.map((k, i) => sql`m.${sql.identifier(`k${i}`)} ${dir(k.dir)}`),
    sql`m.id ${dir(plan.keys[plan.keys.length - 1]?.dir ?? 'desc')}`,
  ], sql`, `)
  const [rows] = await db.execute<{ id: number }>(sql`SELECT m.id FROM (${matches(true)}) AS m${scoped} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}`) as unknown as [{ id: number }[]]
  return { ids: rows.map(r => Number(r.id)), total }
}

/** Deleted leads, most recently deleted first (index deleted_at, ...). */
export async function listTrash(db: DbOrTx, user: SessionUser, query: LeadTrashQuery): Promise<LeadListResponse<LeadTrashItem>> {
  const where = and(leadScope(user, { withDeleted: true }), isNotNull(leads.deletedAt))
  const [ids, total] = await Promise.all([
    db.select({ id: leads.id }).from(leads).where(where).orderBy(desc(leads.deletedAt), desc(leads.id))
      .limit(query.pageSize).offset((query.page - 1) * query.pageSize).then(rows => rows.map(r => r.id)),
    countOf(db, [where]),
  ])
  const rows = await loadLeadRows(db, ids)
  return { items: rows.map(toTrashItem), total }
}

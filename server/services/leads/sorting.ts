import { asc, desc, eq, isNotNull, isNull, sql, type AnyColumn, type SQL } from 'drizzle-orm'
import type { LeadSort } from '../../../shared/schemas/leads'
import { channels, leads, pipelineStages, programs, users } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'

/**
 * How the leads table sorts a million rows without sorting them.
 *
 * Each sortable column has an index `(column, deleted_at, created_at)` (see the schema), so for live rows the
 * index is already in `column, created_at, id` order and a page is read straight off it. Two kinds of order are
 * not a plain column order, and are cut into segments that are each in index order:
 *  - empty values go last in both directions: [rows with a value, rows without];
 *  - a reference (stage, channel, program, assignee) sorts by the referenced row's position or name, not by
 *    its id: one segment per referenced row, in that order, then the unset ones.
 * A page is read from the segments in turn (see list.ts); the segments before a later page are counted from
 * the same indexes. Search results are few enough to sort in one statement instead, with `keys`.
 */

type Dir = 'asc' | 'desc'

interface ColumnSort { kind: 'column', column: AnyColumn, nullable: boolean, tie: AnyColumn | null }
interface RefSort { kind: 'ref', column: AnyColumn, nullable: boolean, tie: AnyColumn, ranking: (db: DbOrTx) => Promise<number[]> }
type SortSpec = ColumnSort | RefSort

const byName = (table: typeof channels | typeof programs | typeof users) => async (db: DbOrTx) =>
  (await db.select({ id: table.id }).from(table).orderBy(asc(table.name), asc(table.id))).map(r => r.id)

const col = (column: AnyColumn, nullable: boolean, tie: AnyColumn | null = leads.createdAt): ColumnSort => ({ kind: 'column', column, nullable, tie })

const SORTS: Record<LeadSort, SortSpec> = {
  studentName: col(leads.studentName, false),
  parentName: col(leads.parentName, true),
  school: col(leads.school, true),
  grade: col(leads.grade, true),
  city: col(leads.city, true),
  followUpStatus: col(leads.followUpStatus, false),
  expectedValue: col(leads.expectedValue, false),
  nextFollowUpAt: col(leads.nextFollowUpAt, true),
  lastActivityAt: col(leads.lastActivityAt, true),
  createdAt: col(leads.createdAt, false, null),
  updatedAt: col(leads.updatedAt, false, null),
  channel: { kind: 'ref', column: leads.channelId, nullable: true, tie: leads.createdAt, ranking: byName(channels) },
  program: { kind: 'ref', column: leads.programId, nullable: true, tie: leads.createdAt, ranking: byName(programs) },
  assignedTo: { kind: 'ref', column: leads.assignedTo, nullable: true, tie: leads.createdAt, ranking: byName(users) },
  // Pipeline order; within a stage the most recently moved first, as on the board (index stage, deleted_at, updated_at).
  stage: {
    kind: 'ref', column: leads.stageId, nullable: false, tie: leads.updatedAt,
    ranking: async db => (await db.select({ id: pipelineStages.id }).from(pipelineStages).orderBy(asc(pipelineStages.position), asc(pipelineStages.id))).map(r => r.id),
  },
}

export interface Segment {
  /** Narrows the list to this segment; undefined for a single-segment order. */
  where?: SQL
  orderBy: SQL[]
}

export interface OrderKey { expr: SQL | AnyColumn, dir: Dir }

export interface SortPlan {
  /** In display order; concatenated they are the whole sorted list. */
  segments: Segment[]
  /** The same order as keys for one statement (without the final id). */
  keys: OrderKey[]
}

const MAX_SEGMENTS = 200

const by = (dir: Dir) => (dir === 'asc' ? asc : desc)

export async function planSort(db: DbOrTx, sort: LeadSort, dir: Dir): Promise<SortPlan> {
  const spec = SORTS[sort]
  const o = by(dir)
  const tail = (spec.tie ? [o(spec.tie)] : []).concat(o(leads.id))
  const tieKeys: OrderKey[] = spec.tie ? [{ expr: spec.tie, dir }] : []
  const nullsLast: OrderKey[] = spec.nullable ? [{ expr: sql`(${spec.column} IS NULL)`, dir: 'asc' }] : []
  const nullSegment: Segment[] = spec.nullable ? [{ where: isNull(spec.column), orderBy: tail }] : []

  if (spec.kind === 'column') {
    if (!spec.nullable) return { segments: [{ orderBy: [o(spec.column), ...tail] }], keys: [{ expr: spec.column, dir }, ...tieKeys] }
    return {
      segments: [{ where: isNotNull(spec.column), orderBy: [o(spec.column), ...tail] }, ...nullSegment],
      keys: [...nullsLast, { expr: spec.column, dir }, ...tieKeys],
    }
  }

  const ranking = await spec.ranking(db)
  const rank = ranking.length ? sql`FIELD(${spec.column}, ${sql.join(ranking.map(id => sql`${id}`), sql`, `)})` : sql`${spec.column}`
  const keys: OrderKey[] = [...nullsLast, { expr: rank, dir }, ...tieKeys]
  // Segments stay cheap for the handful of stages, channels, programs and staff a school has; past that, sort.
  if (ranking.length > MAX_SEGMENTS) return { segments: [{ orderBy: [...keys.map(k => by(k.dir)(k.expr)), o(leads.id)] }], keys }
  const ordered = dir === 'asc' ? ranking : [...ranking].reverse()
  return { segments: [...ordered.map(id => ({ where: eq(spec.column, id), orderBy: tail })), ...nullSegment], keys }
}

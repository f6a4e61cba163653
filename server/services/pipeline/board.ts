import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm'
import { MySqlDialect } from 'drizzle-orm/mysql-core'
import type { PipelineBoardQuery } from '../../../shared/schemas/pipeline-move'
import type { BoardCard, BoardColumn, BoardResponse } from '../../../shared/types/board'
import { leads, programs, users } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import type { SessionUser } from '../auth/sessions'
import { buildLeadFilter } from '../leads/filters'
import { listStages } from './stages'
import { getPipelineSettings } from './settings'

const DAY_MS = 86_400_000

/**
 * Column sums need each lead's expected value, so over a large scope they read every row (about half a second
 * for a hundred thousand leads, with no index that covers stage + value). As with the leads table's totals
 * (counts.ts), a large scope's figures are kept for a short while; a small one is always summed afresh, and a
 * move on the board clears them at once. Other lead writes show within the TTL.
 */
const SUMS_TTL_MS = 30_000
const MIN_CACHED_LEADS = 10_000
const MAX_SUM_ENTRIES = 200
type Sums = { stageId: number, count: number, total: number }[]
const sumsCache = new Map<string, { sums: Sums, expires: number }>()
const dialect = new MySqlDialect()

export function invalidateBoardSums(): void {
  sumsCache.clear()
}

/** `updatedAtMs_id` of the last card shown: the next page starts strictly after it (updated_at desc, id desc). */
const encodeCursor = (card: { updatedAt: Date, id: number }) => `${card.updatedAt.getTime()}_${card.id}`
function decodeCursor(cursor: string): { at: Date, id: number } {
  const [ms, id] = cursor.split('_').map(Number)
  return { at: new Date(ms!), id: id! }
}

/**
 * The board: one column per active stage with its count and sums over the filtered scope, and the first cards of
 * each. Counts and sums are one GROUP BY over the scope; cards are read per column off (stage_id, deleted_at,
 * updated_at), so a column with thousands of leads costs one short index range. With `stageId` only that column
 * is answered, from `cursor` on.
 */
export async function getBoard(db: DbOrTx, user: SessionUser, query: PipelineBoardQuery, now = new Date()): Promise<BoardResponse> {
  const [filter, allStages, { staleDays }] = await Promise.all([
    buildLeadFilter(db, user, query, now),
    listStages(db, { active: true }),
    getPipelineSettings(db),
  ])
  const stages = query.stageId ? allStages.filter(s => s.id === query.stageId) : allStages
  const empty = (stage: typeof stages[number]): BoardColumn => ({ stage, count: 0, totalValue: 0, weightedValue: 0, items: [], nextCursor: null })
  if (filter.none || !stages.length) return { columns: stages.map(empty), staleDays }

  const where: SQL[] = [filter.scope, ...filter.where]
  if (filter.text) where.push(or(...filter.text)!)
  const stageIds = stages.map(s => s.id)

  const sums = await columnSums(db, and(...where, inArray(leads.stageId, stageIds))!)
  const byStage = new Map(sums.map(s => [s.stageId, s]))

  const after = query.cursor ? decodeCursor(query.cursor) : null
  const pages = await Promise.all(stages.map(stage => (byStage.get(stage.id)?.count ?? 0) === 0
    ? Promise.resolve([])
    : db.select({ id: leads.id }).from(leads)
        .where(and(eq(leads.stageId, stage.id), ...where, after
          ? or(lt(leads.updatedAt, after.at), and(eq(leads.updatedAt, after.at), lt(leads.id, after.id)))
          : undefined))
        .orderBy(desc(leads.updatedAt), desc(leads.id))
        .limit(query.perColumn + 1)
        .then(rows => rows.map(r => r.id))))

  const cards = await loadCards(db, pages.flatMap(p => p.slice(0, query.perColumn)), now.getTime() - staleDays * DAY_MS)
  const columns = stages.map((stage, i): BoardColumn => {
    const agg = byStage.get(stage.id)
    const ids = pages[i]!
    const shown = ids.slice(0, query.perColumn).map(id => cards.get(id)).filter((c): c is LoadedCard => !!c)
    const last = shown[shown.length - 1]
    const total = agg?.total ?? 0
    return {
      stage,
      count: agg?.count ?? 0,
      totalValue: total,
      weightedValue: Math.round(total * stage.probability / 100),
      items: shown.map(c => c.card),
      nextCursor: ids.length > query.perColumn && last ? encodeCursor({ updatedAt: last.updatedAt, id: last.card.id }) : null,
    }
  })
  return { columns, staleDays }
}

async function columnSums(db: DbOrTx, where: SQL): Promise<Sums> {
  const query = db.select({
    stageId: leads.stageId,
    count: sql<number>`COUNT(*)`.mapWith(Number),
    total: sql<number>`COALESCE(SUM(${leads.expectedValue}), 0)`.mapWith(Number),
  }).from(leads).where(where).groupBy(leads.stageId)
  const { sql: text, params } = dialect.sqlToQuery(where)
  const key = `${text}\n${JSON.stringify(params)}`
  const hit = sumsCache.get(key)
  if (hit && hit.expires > Date.now()) return hit.sums
  const sums = await query
  if (sums.reduce((n, s) => n + s.count, 0) >= MIN_CACHED_LEADS) {
    if (sumsCache.size >= MAX_SUM_ENTRIES) sumsCache.delete(sumsCache.keys().next().value!)
    sumsCache.set(key, { sums, expires: Date.now() + SUMS_TTL_MS })
  }
  return sums
}

interface LoadedCard { card: BoardCard, updatedAt: Date }

async function loadCards(db: DbOrTx, ids: number[], staleBefore: number): Promise<Map<number, LoadedCard>> {
  if (!ids.length) return new Map()
  const rows = await db.select({
    id: leads.id, studentName: leads.studentName, school: leads.school, grade: leads.grade, last4: leads.phoneLast4,
    channelId: leads.channelId, expectedValue: leads.expectedValue, nextFollowUpAt: leads.nextFollowUpAt,
    lastActivityAt: leads.lastActivityAt, createdAt: leads.createdAt, updatedAt: leads.updatedAt,
    programId: programs.id, programName: programs.name, assigneeId: users.id, assigneeName: users.name,
  }).from(leads)
    .leftJoin(programs, eq(programs.id, leads.programId))
    .leftJoin(users, eq(users.id, leads.assignedTo))
    .where(inArray(leads.id, ids))
  return new Map(rows.map(r => [r.id, {
    updatedAt: r.updatedAt,
    card: {
      id: r.id,
      studentName: r.studentName,
      school: r.school,
      grade: r.grade,
      whatsappLast4: r.last4,
      program: r.programId ? { id: r.programId, name: r.programName! } : null,
      assignee: r.assigneeId ? { id: r.assigneeId, name: r.assigneeName! } : null,
      channelId: r.channelId,
      expectedValue: r.expectedValue,
      nextFollowUpAt: r.nextFollowUpAt?.toISOString() ?? null,
      lastActivityAt: r.lastActivityAt?.toISOString() ?? null,
      updatedAt: r.updatedAt.toISOString(),
      stale: (r.lastActivityAt ?? r.createdAt).getTime() < staleBefore,
    },
  }]))
}

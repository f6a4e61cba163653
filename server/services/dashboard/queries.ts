import { and, asc, count, eq, gte, inArray, isNull, lt, or, sum } from 'drizzle-orm'
import { channels, enrollments, leads, pipelineStages, programs, targets, users } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { facts, keyOf, leadSum, stagesOf } from '../reports/lead-facts'
import { enrolmentsIn, monthRange } from './actuals'

/**
 * The dashboard's reads, each one aggregate over an index range (see the EXPLAIN notes in docs/dashboard.md).
 * `ownerId` narrows to one Sales/CS user's leads and credited enrolments; null reads the whole team.
 */
type Range = [Date, Date]
const num = (v: unknown) => Number(v ?? 0)

export function loadStages(db: DbOrTx) {
  return db.select({ id: pipelineStages.id, code: pipelineStages.code, name: pipelineStages.name, kind: pipelineStages.kind, position: pipelineStages.position, active: pipelineStages.active })
    .from(pipelineStages).orderBy(asc(pipelineStages.position), asc(pipelineStages.id))
}

/** Leads per Jakarta month, from the month facts. */
export async function leadsByMonth(db: DbOrTx, months: string[], ownerId: number | null) {
  const rows = await db.select({ month: facts.month, n: leadSum() }).from(facts)
    .where(and(inArray(facts.month, months), ownerId == null ? undefined : eq(facts.assignedTo, ownerId)))
    .groupBy(facts.month)
  const byMonth = new Map(rows.map(r => [r.month, num(r.n)]))
  return new Map(months.map(m => [m, byMonth.get(m) ?? 0]))
}

/** Active enrolments (students) and their amounts (revenue) per Jakarta month. */
export async function enrolmentsByMonth(db: DbOrTx, months: string[], ownerId: number | null) {
  const rows = await Promise.all(months.map(m => db.select({ n: count(), amount: sum(enrollments.amount) }).from(enrollments).where(enrolmentsIn(monthRange(m), ownerId))))
  return new Map(months.map((m, i) => [m, { students: num(rows[i]![0]?.n), revenue: num(rows[i]![0]?.amount) }]))
}

/** The month's enrolments by program and by the person credited. */
export async function enrolmentsBy(db: DbOrTx, range: Range, ownerId: number | null, by: 'program' | 'user') {
  const key = by === 'program' ? enrollments.programId : enrollments.userId
  const rows = await db.select({ key, n: count(), amount: sum(enrollments.amount) }).from(enrollments)
    .where(enrolmentsIn(range, ownerId)).groupBy(key)
  return new Map(rows.map(r => [r.key, { students: num(r.n), revenue: num(r.amount) }]))
}

/**
 * Leads created in a month and the month before, counted by month, channel, assignee and current stage: the
 * conversion card, the channel chart and the leaderboard's leads and wins, read from the month facts.
 */
export async function leadCube(db: DbOrTx, month: string, previousMonth: string, ownerId: number | null) {
  const rows = await db.select({ month: facts.month, channelId: facts.channelId, assignedTo: facts.assignedTo, stageId: facts.stageId, n: leadSum() })
    .from(facts)
    .where(and(inArray(facts.month, [previousMonth, month]), ownerId == null ? undefined : eq(facts.assignedTo, ownerId)))
    .groupBy(facts.month, facts.stageId, facts.channelId, facts.assignedTo)
  return rows.map(r => ({ month: r.month, channelId: keyOf(r.channelId), assignedTo: keyOf(r.assignedTo), stageId: r.stageId, n: num(r.n) }))
}

/**
 * For the leads created in a month: how far each got (the highest open-stage position it has been in, current
 * stage included) and whether it has ever been in a won stage, counted per (position, won), from the month facts'
 * stages reached. The rule of `stageReach` in server/services/reports/stage-reach.ts, in board positions.
 */
export async function funnelReach(db: DbOrTx, month: string, ownerId: number | null, openPosition: Map<number, number>, wonIds: number[]) {
  const rows = await db.select({ stageId: facts.stageId, reached: facts.reached, n: leadSum() }).from(facts)
    .where(and(eq(facts.month, month), ownerId == null ? undefined : eq(facts.assignedTo, ownerId)))
    .groupBy(facts.stageId, facts.reached)
  const won = new Set(wonIds)
  const counted = new Map<string, { pos: number, won: boolean, n: number }>()
  for (const r of rows) {
    const been = [r.stageId, ...stagesOf(r.reached)]
    const everWon = been.some(id => won.has(id))
    const pos = everWon ? 0 : Math.max(0, ...been.map(id => openPosition.get(id) ?? 0))
    const key = `${pos}|${everWon}`
    const c = counted.get(key) ?? counted.set(key, { pos, won: everWon, n: 0 }).get(key)!
    c.n += num(r.n)
  }
  return [...counted.values()]
}

/** Targets for some months: the overall and per-program ones for the team, or the user's own. */
export function loadTargets(db: DbOrTx, months: string[], ownerId: number | null) {
  const which = ownerId == null
    ? inArray(targets.scope, ['overall', 'program'])
    : and(eq(targets.scope, 'user'), eq(targets.scopeId, ownerId))
  return db.select({ month: targets.month, scope: targets.scope, scopeId: targets.scopeId, revenue: targets.revenue, students: targets.students, leads: targets.leads })
    .from(targets).where(and(inArray(targets.month, months), which))
}

/**
 * Each person's open leads whose next follow-up is past at `now`, and the next instant those counts can change by
 * the clock alone: the earliest follow-up still to come on an open lead (null: none). Until then, and until a
 * write, the counts hold. Counted per person (`assigned_to = ?` ranges of leads_assignee_next_idx, index only):
 * `assigned_to IS NOT NULL` would read the whole index.
 */
export async function overdueAt(db: DbOrTx, userIds: number[], openIds: number[], now: Date): Promise<{ counts: Map<number, number>, until: Date | null }> {
  if (!openIds.length) return { counts: new Map(), until: null }
  const open = and(isNull(leads.deletedAt), inArray(leads.stageId, openIds))
  const [rows, next] = await Promise.all([
    userIds.length
      ? db.select({ userId: leads.assignedTo, n: count() }).from(leads)
          .where(and(inArray(leads.assignedTo, userIds), open, lt(leads.nextFollowUpAt, now)))
          .groupBy(leads.assignedTo)
      : [],
    db.select({ at: leads.nextFollowUpAt }).from(leads)
      .where(and(open, gte(leads.nextFollowUpAt, now)))
      .orderBy(asc(leads.nextFollowUpAt)).limit(1),
  ])
  return { counts: new Map(rows.map(r => [r.userId!, num(r.n)])), until: next[0]?.at ?? null }
}

/** Everyone's id: the people overdue follow-ups are counted for. */
export async function loadUserIds(db: DbOrTx): Promise<number[]> {
  return (await db.select({ id: users.id }).from(users)).map(u => u.id)
}

/** The team for the leaderboard: active Admin and Sales/CS users, plus anyone else with figures (or just oneself). */
export function loadTeam(db: DbOrTx, ownerId: number | null, alsoIds: number[]) {
  const who = ownerId != null
    ? eq(users.id, ownerId)
    : or(and(eq(users.active, true), inArray(users.role, ['admin', 'sales'])), alsoIds.length ? inArray(users.id, alsoIds) : undefined)
  return db.select({ id: users.id, name: users.name, role: users.role }).from(users).where(who)
}

export function loadPrograms(db: DbOrTx) {
  return db.select({ id: programs.id, code: programs.code, name: programs.name, active: programs.active }).from(programs)
}

export function loadChannels(db: DbOrTx) {
  return db.select({ id: channels.id, name: channels.name, sortOrder: channels.sortOrder }).from(channels)
}

import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm'
import type { AssignmentStrategy } from '../../../shared/schemas/assignment'
import { appSettings, leadMonthFacts, pipelineStages, users } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { getAssignmentSettings } from './settings'

export const CURSOR_KEY = 'assignment.cursor'
export const ASSIGNABLE_ROLES = ['admin', 'sales'] as const

/**
 * Open leads (live, in a stage of kind 'open': what counts against capacity) per active Admin and Sales/CS user,
 * on leave or not. Read from lead_month_facts (live leads per month, stage and assignee, kept by triggers in the
 * statement that writes the lead, so exact at every commit): a few thousand rows, where counting the leads
 * themselves read every open lead of the team (0.4-1 s at 1M leads, inside the transaction that holds the
 * round-robin cursor, so every intake waited for it).
 */
export function openLeadCounts(db: DbOrTx) {
  const openStages = db.select({ id: pipelineStages.id }).from(pipelineStages).where(eq(pipelineStages.kind, 'open'))
  const open = db.select({ assignedTo: leadMonthFacts.assignedTo, n: sql<string>`SUM(${leadMonthFacts.leads})`.as('n') })
    .from(leadMonthFacts)
    .where(and(inArray(leadMonthFacts.stageId, openStages), ne(leadMonthFacts.assignedTo, 0)))
    .groupBy(leadMonthFacts.assignedTo)
    .as('open')
  return db.select({
    id: users.id,
    name: users.name,
    role: users.role,
    capacity: users.capacity,
    onLeave: users.onLeave,
    openLeads: sql<number>`COALESCE(${open.n}, 0)`.mapWith(Number),
  })
    .from(users)
    .leftJoin(open, eq(open.assignedTo, users.id))
    .where(and(eq(users.active, true), inArray(users.role, [...ASSIGNABLE_ROLES])))
    .orderBy(asc(users.id))
}

/**
 * Lock the round-robin cursor and read it. Every automatic pick takes this lock first, so concurrent intakes on
 * any instance queue here and round robin never hands the same turn out twice. Called before any plain read in
 * the transaction, the counts read after it see every lead the previous holder assigned (the snapshot starts at
 * the first non-locking read).
 */
export async function lockCursor(tx: DbOrTx): Promise<number> {
  // The row must exist before it can be locked; a missing row would only take a gap lock, and two inserts would race.
  await tx.insert(appSettings).values({ key: CURSOR_KEY, value: { userId: 0 } })
    .onDuplicateKeyUpdate({ set: { key: sql`${appSettings.key}` } })
  const [cursor] = await tx.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, CURSOR_KEY)).for('update')
  return Number((cursor?.value as { userId?: number } | null)?.userId ?? 0)
}

async function choose(tx: DbOrTx, strategy: AssignmentStrategy, last: number): Promise<number | null> {
  const rows = await openLeadCounts(tx)
  const candidates = rows.filter(r => !r.onLeave && r.openLeads < r.capacity)
  if (!candidates.length) return null
  const chosen = strategy === 'round_robin'
    ? (candidates.find(c => c.id > last) ?? candidates[0]!).id
    // Fewest open leads; the id breaks ties (candidates come in id order and the sort is stable).
    : [...candidates].sort((a, b) => a.openLeads - b.openLeads)[0]!.id
  await tx.update(appSettings).set({ value: { userId: chosen }, updatedAt: new Date() }).where(eq(appSettings.key, CURSOR_KEY))
  return chosen
}

/** Who gets the next lead: active Admin or Sales/CS, not on leave, below capacity; null when nobody has room. */
export async function pickAssignee(tx: DbOrTx, strategy: AssignmentStrategy): Promise<number | null> {
  return choose(tx, strategy, await lockCursor(tx))
}

/**
 * The automatic assignee for a new lead under the stored settings, or null (off, or nobody has room).
 * Call it first in the transaction (see lockCursor).
 */
export async function autoAssignee(tx: DbOrTx, origin: 'manual' | 'intake'): Promise<number | null> {
  const last = await lockCursor(tx)
  const settings = await getAssignmentSettings(tx)
  if (!settings.enabled || (origin === 'manual' && !settings.onManualCreate)) return null
  return choose(tx, settings.strategy, last)
}

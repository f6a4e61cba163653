import { createError } from 'h3'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { TargetScope } from '../../../shared/enums/catalog'
import type { TargetItemInput, TargetsCopyInput, TargetsSaveInput } from '../../../shared/schemas/targets'
import type { TargetRow, TargetsCopyResult, TargetsResponse } from '../../../shared/types/reports'
import { shiftMonth } from '../../../shared/utils/months'
import { channels, programs, targets, users, type Target } from '../../db/schema'
import type { Database, DbOrTx } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { validationError } from '../../utils/validation'
import { audit } from '../audit'
import type { SessionUser } from '../auth/sessions'
import { actualsKey, monthActuals } from './actuals'

/** The people targets are set for: the ones who carry leads. */
const TARGET_ROLES = ['admin', 'sales'] as const

type Numbers = Pick<Target, 'revenue' | 'students' | 'leads'>
const numbers = (t: Numbers): Numbers => ({ revenue: t.revenue, students: t.students, leads: t.leads })

/** A month's targets keyed by scope, as the audit trail records them. */
function snapshot(rows: Target[]): Record<string, Numbers> {
  return Object.fromEntries(rows.map(r => [actualsKey(r.scope, r.scopeId), numbers(r)]))
}

/**
 * The grid of a month: overall, every active program, channel and admin/sales user (plus inactive ones that
 * still hold a target or real figures that month), each with its target (or none) and the real figures so far.
 */
export async function getTargets(db: DbOrTx, month: string): Promise<TargetsResponse> {
  const [rows, [prev], programRows, channelRows, userRows, actuals] = await Promise.all([
    db.select().from(targets).where(eq(targets.month, month)),
    db.select({ n: sql<number>`COUNT(*)` }).from(targets).where(eq(targets.month, shiftMonth(month, -1))),
    db.select({ id: programs.id, name: programs.name, active: programs.active }).from(programs).orderBy(asc(programs.name)),
    db.select({ id: channels.id, name: channels.name, active: channels.active }).from(channels).orderBy(asc(channels.sortOrder), asc(channels.name)),
    db.select({ id: users.id, name: users.name, active: users.active }).from(users)
      .where(inArray(users.role, [...TARGET_ROLES])).orderBy(asc(users.name)),
    monthActuals(db, month),
  ])
  const byKey = new Map(rows.map(r => [actualsKey(r.scope, r.scopeId), r]))
  const row = (scope: TargetScope, scopeId: number, name: string | null, active = true): TargetRow | null => {
    const target = byKey.get(actualsKey(scope, scopeId))
    const actual = actuals.get(scope, scopeId)
    if (!active && !target && !actual.revenue && !actual.students && !actual.leads) return null
    return { scope, scopeId, name, target: target ? numbers(target) : null, actual, ...(active ? {} : { inactive: true }) }
  }
  const out = [
    row('overall', 0, null),
    ...programRows.map(p => row('program', p.id, p.name, p.active)),
    ...channelRows.map(c => row('channel', c.id, c.name, c.active)),
    ...userRows.map(u => row('user', u.id, u.name, u.active)),
  ].filter((r): r is TargetRow => !!r)
  const updatedAt = rows.reduce<Date | null>((max, r) => (!max || r.updatedAt > max ? r.updatedAt : max), null)
  return { month, rows: out, previousCount: Number(prev?.n ?? 0), updatedAt: updatedAt?.toISOString() ?? null }
}

/** Every program, channel and user a set points at must exist: a field error on the row otherwise. */
async function checkScopes(tx: DbOrTx, items: TargetItemInput[]): Promise<void> {
  const ids = (scope: TargetScope) => [...new Set(items.filter(i => i.scope === scope).map(i => i.scopeId))]
  const found = async (scope: TargetScope): Promise<Set<number>> => {
    const wanted = ids(scope)
    if (!wanted.length) return new Set()
    const table = scope === 'program' ? programs : scope === 'channel' ? channels : users
    const rows = await tx.select({ id: table.id }).from(table).where(inArray(table.id, wanted))
    return new Set(rows.map(r => r.id))
  }
  const [p, c, u] = await Promise.all([found('program'), found('channel'), found('user')])
  const known: Record<TargetScope, Set<number> | null> = { overall: null, program: p, channel: c, user: u }
  const issues: z.core.$ZodIssue[] = []
  items.forEach((item, i) => {
    const set = known[item.scope]
    if (set && !set.has(item.scopeId))
      issues.push({ code: 'custom', path: ['items', i, 'scopeId'], message: 'Program, channel atau pengguna tidak ditemukan', input: item.scopeId })
  })
  if (issues.length) throw validationError(new z.ZodError(issues))
}

/**
 * Save a month's whole set in one transaction: rows in the set are written, rows left out are removed.
 * One audit entry records the month before and after.
 */
export async function saveTargets(db: Database, user: SessionUser, input: TargetsSaveInput, meta: RequestMeta): Promise<TargetsResponse> {
  await db.transaction(async (tx) => {
    await checkScopes(tx, input.items)
    const before = await tx.select().from(targets).where(eq(targets.month, input.month)).for('update')
    const keep = new Set(input.items.map(i => actualsKey(i.scope, i.scopeId)))
    const gone = before.filter(r => !keep.has(actualsKey(r.scope, r.scopeId))).map(r => r.id)
    if (gone.length) await tx.delete(targets).where(inArray(targets.id, gone))
    if (input.items.length) {
      await tx.insert(targets)
        .values(input.items.map(i => ({ month: input.month, scope: i.scope, scopeId: i.scopeId, revenue: i.revenue, students: i.students, leads: i.leads, createdBy: user.id })))
        .onDuplicateKeyUpdate({ set: { revenue: sql`VALUES(revenue)`, students: sql`VALUES(students)`, leads: sql`VALUES(leads)` } })
    }
    const after = await tx.select().from(targets).where(eq(targets.month, input.month))
    const b = snapshot(before)
    const a = snapshot(after)
    if (JSON.stringify(b) !== JSON.stringify(a))
      await audit(tx, user, meta, { action: 'update', entity: 'targets', entityId: input.month, before: b, after: a })
  })
  return getTargets(db, input.month)
}

/**
 * "Copy last month's targets": the previous month's set becomes this month's, in one transaction. A month
 * that already has targets is only overwritten when asked to (409 otherwise, so the UI can confirm).
 */
export async function copyTargets(db: Database, user: SessionUser, input: TargetsCopyInput, meta: RequestMeta): Promise<TargetsCopyResult> {
  const from = shiftMonth(input.month, -1)
  return db.transaction(async (tx) => {
    const source = await tx.select().from(targets).where(eq(targets.month, from))
    if (!source.length)
      throw createError({ statusCode: 400, statusMessage: 'Validation Error', message: 'Bulan lalu belum punya target untuk disalin.', data: { fieldErrors: { month: ['Bulan lalu belum punya target'] }, formErrors: [] } })
    const existing = await tx.select().from(targets).where(eq(targets.month, input.month)).for('update')
    if (existing.length && !input.overwrite)
      throw createError({ statusCode: 409, statusMessage: 'Conflict', message: 'Bulan ini sudah punya target. Timpa dengan target bulan lalu?', data: { existing: existing.length } })
    if (existing.length) await tx.delete(targets).where(and(eq(targets.month, input.month)))
    await tx.insert(targets).values(source.map(r => ({ month: input.month, scope: r.scope, scopeId: r.scopeId, revenue: r.revenue, students: r.students, leads: r.leads, createdBy: user.id })))
    await audit(tx, user, meta, { action: 'copy', entity: 'targets', entityId: input.month, before: existing.length ? snapshot(existing) : null, after: { from, ...snapshot(source) } })
    return { month: input.month, from, copied: source.length }
  })
}

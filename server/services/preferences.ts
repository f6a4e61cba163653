import { and, asc, count, eq } from 'drizzle-orm'
import { createError } from 'h3'
import { VIEWS_PER_PAGE_MAX, type PreferenceKey, type ViewCreate, type ViewPage } from '../../shared/schemas/preferences'
import { savedViews, userPreferences, users } from '../db/schema'
import type { DbOrTx } from '../utils/db'
import { notFound } from '../utils/validation'

/**
 * A user's own UI state: preferences by key and named views per page. Every query is scoped by the user's id
 * in its WHERE clause, so another user's row is never read, changed or even confirmed to exist (404).
 */

export interface SavedView {
  id: number
  page: ViewPage
  name: string
  query: Record<string, string>
  createdAt: Date
}

/** MariaDB keeps JSON as text: the driver may hand back the string. */
function fromJson<T>(value: unknown): T {
  if (typeof value !== 'string') return value as T
  try {
    return JSON.parse(value) as T
  }
  catch {
    return null as T
  }
}

const asObject = (value: unknown): Record<string, unknown> | null =>
  value && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : null

export async function getPreference(db: DbOrTx, userId: number, key: PreferenceKey): Promise<Record<string, unknown> | null> {
  const [row] = await db.select({ value: userPreferences.value }).from(userPreferences)
    .where(and(eq(userPreferences.userId, userId), eq(userPreferences.key, key))).limit(1)
  return row ? asObject(fromJson(row.value)) : null
}

/** Insert or replace the value (one row per user and key, by the unique index). */
export async function setPreference(db: DbOrTx, userId: number, key: PreferenceKey, value: Record<string, unknown>): Promise<Record<string, unknown>> {
  await db.insert(userPreferences).values({ userId, key, value })
    .onDuplicateKeyUpdate({ set: { value, updatedAt: new Date() } })
  return value
}

const viewColumns = { id: savedViews.id, page: savedViews.page, name: savedViews.name, query: savedViews.query, createdAt: savedViews.createdAt }

function toView(row: { id: number, page: string, name: string, query: unknown, createdAt: Date }): SavedView {
  const query = asObject(fromJson(row.query)) ?? {}
  return {
    ...row,
    page: row.page as ViewPage,
    query: Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string')),
  }
}

export async function listViews(db: DbOrTx, userId: number, page: ViewPage): Promise<SavedView[]> {
  const rows = await db.select(viewColumns).from(savedViews)
    .where(and(eq(savedViews.userId, userId), eq(savedViews.page, page)))
    .orderBy(asc(savedViews.name), asc(savedViews.id))
  return rows.map(toView)
}

const conflict = (message: string, field: string) =>
  createError({ statusCode: 409, statusMessage: 'Conflict', message, data: { fieldErrors: { [field]: [message] } } })

/**
 * Save a view. Names are unique per user and page (compared as the database collation does, so case-blind);
 * the user's row is locked for the check, so two saves racing cannot both pass it.
 */
export async function createView(db: DbOrTx, userId: number, input: ViewCreate): Promise<SavedView> {
  return db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update')
    const mine = and(eq(savedViews.userId, userId), eq(savedViews.page, input.page))
    const [taken] = await tx.select({ id: savedViews.id }).from(savedViews).where(and(mine, eq(savedViews.name, input.name))).limit(1)
    if (taken) throw conflict('Nama tampilan sudah dipakai.', 'name')
    const [{ n }] = await tx.select({ n: count() }).from(savedViews).where(mine) as [{ n: number }]
    if (n >= VIEWS_PER_PAGE_MAX) throw conflict(`Maksimal ${VIEWS_PER_PAGE_MAX} tampilan tersimpan.`, 'name')
    const [{ id }] = await tx.insert(savedViews).values({ userId, page: input.page, name: input.name, query: input.query }).$returningId() as [{ id: number }]
    const [row] = await tx.select(viewColumns).from(savedViews).where(eq(savedViews.id, id))
    return toView(row!)
  })
}

/** Delete one of the user's views; any other id (someone else's, or none) is a 404. */
export async function deleteView(db: DbOrTx, userId: number, id: number): Promise<void> {
  const [res] = await db.delete(savedViews).where(and(eq(savedViews.id, id), eq(savedViews.userId, userId)))
  if (!res.affectedRows) throw notFound('Tampilan tidak ditemukan.')
}

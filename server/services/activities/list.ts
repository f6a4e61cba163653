import { and, desc, eq, isNull } from 'drizzle-orm'
import type { ActivityList } from '../../../shared/types/activities'
import { activities, leads, users } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { leadScope } from '../../utils/scope'
import type { SessionUser } from '../auth/sessions'
import { leadNotFound } from '../leads/read'
import { toActivityItem, type ActivityRow } from './serialize'

export const ACTIVITY_LIMIT = 200

/** A lead's live activities, newest first. The lead must be in the user's scope (404 otherwise). */
export async function listActivities(db: DbOrTx, user: SessionUser, leadId: number): Promise<ActivityList> {
  const [lead] = await db.select({ id: leads.id }).from(leads).where(and(eq(leads.id, leadId), leadScope(user))).limit(1)
  if (!lead) throw leadNotFound()
  const rows = await selectActivities(db)
    .where(and(eq(activities.leadId, leadId), isNull(activities.deletedAt)))
    .orderBy(desc(activities.occurredAt), desc(activities.id))
    .limit(ACTIVITY_LIMIT)
  return { items: rows.map(r => toActivityItem(r, user)) }
}

export function selectActivities(db: DbOrTx) {
  return db.select({
    id: activities.id, leadId: activities.leadId, userId: activities.userId, type: activities.type, outcome: activities.outcome,
    notes: activities.notes, occurredAt: activities.occurredAt, nextAction: activities.nextAction, nextActionAt: activities.nextActionAt,
    createdAt: activities.createdAt, updatedAt: activities.updatedAt, deletedAt: activities.deletedAt, deletedBy: activities.deletedBy,
    userName: users.name,
  }).from(activities).leftJoin(users, eq(users.id, activities.userId))
}

export async function readActivity(db: DbOrTx, id: number): Promise<ActivityRow> {
  const [row] = await selectActivities(db).where(eq(activities.id, id))
  return row!
}

import { createError } from 'h3'
import type { ActivityItem } from '../../../shared/types/activities'
import { can } from '../../../shared/utils/permissions'
import type { Activity } from '../../db/schema'
import type { SessionUser } from '../auth/sessions'

export type ActivityRow = Activity & { userName: string | null }

/** Everyone edits and deletes their own activities; Manager and Owner anyone's. */
export function mayEditActivity(user: SessionUser, row: Pick<Activity, 'userId'>): boolean {
  return row.userId === user.id || can(user.role, 'activities:manage')
}

export function toActivityItem(row: ActivityRow, viewer: SessionUser): ActivityItem {
  return {
    id: row.id,
    leadId: row.leadId,
    type: row.type,
    outcome: row.outcome,
    notes: row.notes,
    happenedAt: row.occurredAt.toISOString(),
    nextAction: row.nextAction,
    nextDueAt: row.nextActionAt?.toISOString() ?? null,
    by: row.userId != null && row.userName != null ? { id: row.userId, name: row.userName } : null,
    canEdit: mayEditActivity(viewer, row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

export function fieldErrors(errors: { path: string, message: string }[]) {
  const grouped: Record<string, string[]> = {}
  for (const e of errors) (grouped[e.path] ??= []).push(e.message)
  return createError({ statusCode: 400, statusMessage: 'Validation Error', message: 'Periksa kembali isian Anda.', data: { fieldErrors: grouped, formErrors: [] } })
}

export const activityNotFound = () => createError({ statusCode: 404, statusMessage: 'Not Found', message: 'Aktivitas tidak ditemukan.' })
export const notYourActivity = () => createError({ statusCode: 403, statusMessage: 'Forbidden', message: 'Anda hanya dapat mengubah aktivitas milik sendiri.' })

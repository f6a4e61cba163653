import { createError } from 'h3'
import { can, type Permission } from '../../../shared/utils/permissions'
import type { SessionUser } from '../auth/sessions'

const forbidden = (message: string, fieldErrors?: Record<string, string[]>) =>
  createError({ statusCode: 403, statusMessage: 'Forbidden', message, data: fieldErrors ? { fieldErrors } : undefined })

export function assertCan(user: SessionUser, permission: Permission): void {
  if (!can(user.role, permission)) throw forbidden('Anda tidak memiliki akses untuk tindakan ini.')
}

const notYours = () => forbidden('Anda hanya dapat menangani prospek milik sendiri.', {
  assignedTo: ['Hanya Owner, Manager dan Admin yang dapat menugaskan prospek ke orang lain'],
})

/** A new lead's assignee. Without 'leads:assign' (Sales/CS) it is always the creator. */
export function assigneeForCreate(user: SessionUser, requested: number | null | undefined): number | null {
  if (can(user.role, 'leads:assign')) return requested ?? null
  if (requested !== undefined && requested !== user.id) throw notYours()
  return user.id
}

/** Changing who has a lead needs 'leads:assign': Sales/CS can neither hand a lead on nor drop it. */
export function assertMayReassign(user: SessionUser, requested: number | null | undefined, current: number | null): void {
  if (requested === undefined || requested === current) return
  if (!can(user.role, 'leads:assign')) throw notYours()
}

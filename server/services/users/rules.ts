import { createError } from 'h3'
import type { Role } from '../../../shared/enums/roles'
import { canManageRole } from '../../../shared/utils/permissions'
import type { SessionUser } from '../auth/sessions'

export class ForbiddenError extends Error {}

/** The actor may touch the target's current role and, on a change, the new role too. */
export function assertCanManage(actor: SessionUser, targetRole: Role, newRole?: Role) {
  if (!canManageRole(actor.role, targetRole) || (newRole && !canManageRole(actor.role, newRole)))
    throw createError({ statusCode: 403, statusMessage: 'Forbidden', message: 'Anda tidak boleh mengelola pengguna dengan peran ini.' })
}

/** Nobody locks themselves out: no self-deactivation, no self-demotion. */
export function assertNotSelfLockout(actor: SessionUser, targetId: number, change: { role?: Role, active?: boolean }) {
  if (actor.id !== targetId) return
  if (change.active === false || (change.role && change.role !== actor.role))
    throw createError({ statusCode: 400, statusMessage: 'Bad Request', message: 'Anda tidak dapat menonaktifkan atau mengubah peran akun sendiri.', data: { fieldErrors: change.active === false ? { active: ['Tidak dapat menonaktifkan diri sendiri'] } : { role: ['Tidak dapat mengubah peran sendiri'] } } })
}

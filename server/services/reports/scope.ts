import { canSeeMoney, leadScopeIsOwn } from '../../../shared/utils/permissions'
import type { SessionUser } from '../auth/sessions'

/**
 * Whose figures a report shows and whether money is in it. Sales/CS: their own (the leads assigned to them, the
 * enrolments credited to them, their per-user targets); everyone else the team. Money: not for Admin — left
 * out of the response by the server, not hidden by the page.
 */
export interface ReportViewer {
  id: number
  role: SessionUser['role']
  /** The user whose own figures these are (Sales/CS), or null for the whole team. */
  ownerId: number | null
  money: boolean
}

export function reportViewer(user: Pick<SessionUser, 'id' | 'role'>): ReportViewer {
  return { id: user.id, role: user.role, ownerId: leadScopeIsOwn(user.role) ? user.id : null, money: canSeeMoney(user.role) }
}

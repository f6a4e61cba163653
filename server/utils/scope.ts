import { and, eq, isNull, sql, type SQL } from 'drizzle-orm'
import { leadScopeIsOwn } from '../../shared/utils/permissions'
import { leads } from '../db/schema'
import type { SessionUser } from '../services/auth/sessions'

/**
 * The rows of `leads` a user may see, as a WHERE condition: soft-deleted rows are hidden and
 * Sales/CS only see leads assigned to them. Put it in the query itself, so a row out of scope
 * is simply not found (404), exactly like a row that does not exist.
 */
export function leadScope(user: Pick<SessionUser, 'id' | 'role'>, opts: { withDeleted?: boolean } = {}): SQL {
  const parts: SQL[] = []
  if (!opts.withDeleted) parts.push(isNull(leads.deletedAt))
  if (leadScopeIsOwn(user.role)) parts.push(eq(leads.assignedTo, user.id))
  return and(...parts) ?? sql`TRUE`
}

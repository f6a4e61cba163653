import { and, asc, count, gte, isNotNull, isNull, lt, sql } from 'drizzle-orm'
import type { FollowUpTeam, FollowUpTeamRow } from '../../../shared/types/activities'
import { activities, leads, users } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { jakartaRanges } from '../leads/dates'

/** Roles that carry leads: the rows of the team view, even with nothing due. */
const TEAM_ROLES = ['admin', 'sales'] as const

/**
 * Per person: follow-ups overdue, due later today (Jakarta), and activities logged this Jakarta week (Monday to
 * Sunday). Active Admin and Sales/CS always have a row; anyone else with follow-ups or activities too.
 */
export async function followUpTeam(db: DbOrTx, now = new Date()): Promise<FollowUpTeam> {
  const { today, week } = jakartaRanges(now)
  const [due, done, people] = await Promise.all([
    db.select({
      userId: leads.assignedTo,
      overdue: sql<string>`SUM(${leads.nextFollowUpAt} < ${now})`,
      today: sql<string>`SUM(${leads.nextFollowUpAt} >= ${now})`,
    }).from(leads)
      .where(and(isNotNull(leads.assignedTo), isNull(leads.deletedAt), lt(leads.nextFollowUpAt, today[1])))
      .groupBy(leads.assignedTo),
    db.select({ userId: activities.userId, n: count() }).from(activities)
      .where(and(isNotNull(activities.userId), gte(activities.occurredAt, week[0]), lt(activities.occurredAt, week[1]), isNull(activities.deletedAt)))
      .groupBy(activities.userId),
    db.select({ id: users.id, name: users.name, role: users.role, active: users.active }).from(users).orderBy(asc(users.name)),
  ])
  const dueBy = new Map(due.map(d => [d.userId!, d]))
  const doneBy = new Map(done.map(d => [d.userId!, d.n]))
  const rows: FollowUpTeamRow[] = people
    .filter(p => (p.active && (TEAM_ROLES as readonly string[]).includes(p.role)) || dueBy.has(p.id) || doneBy.has(p.id))
    .map(p => ({
      user: { id: p.id, name: p.name, role: p.role },
      overdue: Number(dueBy.get(p.id)?.overdue ?? 0),
      today: Number(dueBy.get(p.id)?.today ?? 0),
      doneThisWeek: doneBy.get(p.id) ?? 0,
    }))
  return { rows, weekStart: week[0].toISOString(), weekEnd: week[1].toISOString() }
}

import { and, asc, eq, gte, isNotNull, isNull, lt, type SQL } from 'drizzle-orm'
import { createError } from 'h3'
import type { CalendarQuery } from '../../../shared/schemas/calendar'
import type { CalendarItem, CalendarResponse } from '../../../shared/types/calendar'
import { jakartaInstant } from '../../../shared/utils/jakarta'
import { can } from '../../../shared/utils/permissions'
import { leads, todos, users } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { leadScope } from '../../utils/scope'
import { notFound } from '../../utils/validation'
import type { SessionUser } from '../auth/sessions'

/** Far more than a month of anyone's work; a cap so a busy "everyone" view stays a bounded query. */
const MAX_ITEMS = 2000

/**
 * Whose calendar: the viewer's own unless asked otherwise. Another user's, or everyone's (`all`),
 * needs 'calendar:team' (Managers and the Owner).
 */
async function resolveTarget(db: DbOrTx, viewer: SessionUser, requested: CalendarQuery['user']): Promise<{ id: number, name: string } | null> {
  if (requested === undefined || requested === viewer.id) return { id: viewer.id, name: viewer.name }
  if (!can(viewer.role, 'calendar:team'))
    throw createError({ statusCode: 403, statusMessage: 'Forbidden', message: 'Anda hanya dapat melihat kalender sendiri.' })
  if (requested === 'all') return null
  const [target] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, requested)).limit(1)
  if (!target) throw notFound('Pengguna tidak ditemukan.')
  return target
}

/**
 * Follow-ups (the next follow-up of leads assigned to the person, in the viewer's scope) and to-dos
 * (the person's own, by due time) between two Jakarta days, both inclusive. Everyone's calendar shows
 * follow-ups only: to-dos are personal. Each query walks one index range: leads_assignee_next_idx
 * (or leads_next_follow_up_idx for everyone) and todos_user_due_idx.
 */
export async function calendarItems(db: DbOrTx, viewer: SessionUser, query: CalendarQuery, now = new Date()): Promise<CalendarResponse> {
  const target = await resolveTarget(db, viewer, query.user)
  const start = jakartaInstant(query.from)
  const end = jakartaInstant(query.to, 24 * 60)

  const leadWhere: SQL[] = [leadScope(viewer), gte(leads.nextFollowUpAt, start), lt(leads.nextFollowUpAt, end)]
  if (target) leadWhere.push(eq(leads.assignedTo, target.id))
  const followUps = await db.select({ id: leads.id, studentName: leads.studentName, at: leads.nextFollowUpAt, userId: users.id, userName: users.name })
    .from(leads)
    .leftJoin(users, eq(users.id, leads.assignedTo))
    .where(and(...leadWhere))
    .orderBy(asc(leads.nextFollowUpAt))
    .limit(MAX_ITEMS)

  const mayUpdateLeads = can(viewer.role, 'leads:update')
  const items: CalendarItem[] = followUps.map(f => ({
    key: `follow_up-${f.id}`,
    kind: 'follow_up',
    id: f.id,
    title: f.studentName,
    at: f.at!.toISOString(),
    user: f.userId ? { id: f.userId, name: f.userName! } : null,
    lead: { id: f.id, studentName: f.studentName },
    priority: null,
    remindAt: null,
    done: false,
    overdue: f.at!.getTime() < now.getTime(),
    editable: mayUpdateLeads,
  }))

  if (target) {
    // Open and done to-dos apart, so each is one range of (user_id, done_at, due_at).
    const todoRows = (doneAt: SQL) => db.select({ todo: todos, lead: { id: leads.id, studentName: leads.studentName } })
      .from(todos)
      .leftJoin(leads, and(eq(leads.id, todos.leadId), leadScope(viewer)))
      .where(and(eq(todos.userId, target.id), doneAt, gte(todos.dueAt, start), lt(todos.dueAt, end), isNull(todos.deletedAt)))
      .limit(MAX_ITEMS)
    const rows = [...await todoRows(isNull(todos.doneAt)), ...await todoRows(isNotNull(todos.doneAt))]
    for (const { todo: t, lead } of rows) {
      items.push({
        key: `todo-${t.id}`,
        kind: 'todo',
        id: t.id,
        title: t.title,
        at: t.dueAt!.toISOString(),
        user: target,
        lead: lead?.id ? { id: lead.id, studentName: lead.studentName! } : null,
        priority: t.priority,
        remindAt: t.remindAt?.toISOString() ?? null,
        done: !!t.doneAt,
        overdue: !t.doneAt && t.dueAt!.getTime() < now.getTime(),
        editable: t.userId === viewer.id,
      })
    }
  }
  items.sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key))
  return { from: query.from, to: query.to, user: target, items }
}

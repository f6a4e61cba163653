import { and, eq, gte, inArray, isNull, like, lt, or, type SQL } from 'drizzle-orm'
import type { LeadListQuery } from '../../../shared/schemas/leads'
import { leadScopeIsOwn } from '../../../shared/utils/permissions'
import { normalizePhoneId } from '../../../shared/utils/phone'
import { channels, leads } from '../../db/schema'
import { blindIndex } from '../../utils/crypto'
import type { DbOrTx } from '../../utils/db'
import { leadScope } from '../../utils/scope'
import type { SessionUser } from '../auth/sessions'
import { jakartaDayEnd, jakartaDayStart, jakartaRanges } from './dates'

export interface LeadFilter {
  /** Which leads the user may see at all: live ones, and for Sales/CS their own (see leadScope). */
  scope: SQL
  /** Sales/CS: the scope is "assigned to this user"; null when the user sees every lead. */
  ownerId: number | null
  /** The filters, on `leads` columns only, so counts can be answered from an index. Scope not included. */
  where: SQL[]
  /**
   * Free-text search as alternatives, each served by its own index (`name LIKE 'x%'`): a lead matches when any
   * of them does. Null when there is no text search.
   */
  text: SQL[] | null
  /** Known to match nothing (e.g. a source type without channels): no query needed. */
  none: boolean
}

/** Honorifics parents are recorded with ("Ibu Sari"), so "Sari" finds her too. */
const HONORIFICS = ['Bapak', 'Ibu', 'Pak', 'Bu']

/** `LIKE` pattern for "starts with", with the user's `%`, `_` and `\` taken literally. */
export function prefixPattern(text: string): string {
  return `${text.replace(/[\\%_]/g, m => `\\${m}`)}%`
}

function anyOf(parts: (SQL | undefined)[]): SQL | undefined {
  const defined = parts.filter((p): p is SQL => !!p)
  return defined.length > 1 ? or(...defined) : defined[0]
}

/** The WHERE of a leads list from its query parameters. Channel ids of a source type are looked up first. */
export async function buildLeadFilter(db: DbOrTx, user: SessionUser, query: LeadListQuery, now = new Date()): Promise<LeadFilter> {
  const where: SQL[] = []
  let none = false

  if (query.stage) where.push(inArray(leads.stageId, query.stage))
  if (query.followUp) where.push(inArray(leads.followUpStatus, query.followUp))
  if (query.program) where.push(inArray(leads.programId, query.program))
  if (query.grade) where.push(inArray(leads.grade, query.grade))

  let channelIds = query.channel
  if (query.sourceType) {
    const rows = await db.select({ id: channels.id }).from(channels).where(inArray(channels.sourceType, query.sourceType))
    const ofType = rows.map(r => r.id)
    channelIds = channelIds ? channelIds.filter(id => ofType.includes(id)) : ofType
  }
  if (channelIds) {
    if (channelIds.length) where.push(inArray(leads.channelId, channelIds))
    else none = true
  }

  if (query.assignee) {
    const ids = query.assignee.filter((a): a is number => a !== 'none')
    where.push(anyOf([
      ids.length ? inArray(leads.assignedTo, ids) : undefined,
      query.assignee.includes('none') ? isNull(leads.assignedTo) : undefined,
    ])!)
  }

  if (query.createdFrom) where.push(gte(leads.createdAt, jakartaDayStart(query.createdFrom)))
  if (query.createdTo) where.push(lt(leads.createdAt, jakartaDayEnd(query.createdTo)))

  if (query.next) {
    const { today, week } = jakartaRanges(now)
    const between = ([from, to]: readonly [Date, Date]) => and(gte(leads.nextFollowUpAt, from), lt(leads.nextFollowUpAt, to))
    where.push(anyOf(query.next.map(n => n === 'overdue'
      ? lt(leads.nextFollowUpAt, now)
      : n === 'today' ? between(today) : n === 'week' ? between(week) : isNull(leads.nextFollowUpAt)))!)
  }

  if (query.school) where.push(like(leads.school, prefixPattern(query.school)))

  let text: SQL[] | null = null
  if (query.q) {
    const phone = normalizePhoneId(query.q)
    if (phone) {
      where.push(eq(leads.phoneBidx, blindIndex(phone)))
    }
    else {
      const pattern = prefixPattern(query.q)
      text = [
        like(leads.studentName, pattern),
        or(like(leads.parentName, pattern), ...HONORIFICS.map(h => like(leads.parentName, `${h} ${pattern}`)))!,
        like(leads.school, pattern),
      ]
    }
  }
  return { scope: leadScope(user), ownerId: leadScopeIsOwn(user.role) ? user.id : null, where, text, none }
}

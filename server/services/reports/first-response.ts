import { and, count, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm'
import { leadResponseFacts, leads } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { leadsCreatedIn } from './actuals'
import { countInto, inSnapshot, locateMiddles } from './class-median'

/**
 * The team report's time to first response: for each new lead of a cohort (the period's live leads of some people,
 * after the channel and program filters), the seconds from its `created_at` to its first live activity by anyone
 * (`leads.first_activity_at`, kept by triggers; 0 when that activity is dated before the lead), and the median of
 * those seconds per assignee and over the whole cohort (key `null`). Leads never answered are in neither the count
 * nor the median.
 *
 * Exact medians without ranking the cohort, in two reads of one snapshot (a read-only transaction):
 * 1. the cohort's leads counted per (assignee, whole hour of response): without filters from `lead_response_facts`
 *    (a few thousand rows a month), with a channel or program filter from `leads_first_response_idx` (the cohort's
 *    index entries, one range per person);
 * 2. the middle rank(s) of each person and of the team fall in known hours; the exact seconds of only those hours'
 *    leads are read (`leads_response_hour_idx`: person, hour, creation time, channel, program: one range per person
 *    and hour) and the middle one, or the mean of the middle two (as `median()` in shared/utils/figures.ts), is picked.
 * Ranking a year's cohort at a million leads sorted a million rows twice (3 µs a lead).
 */

export interface FirstResponse { medianSecs: number | null, responded: number }

export interface ResponseCohort {
  /** The assignees whose new leads count (one index range each). */
  people: number[]
  /** The period: whole Jakarta months from..to ('YYYY-MM'), and the same as [start, end) instants. */
  from: string
  to: string
  range: [Date, Date]
  channelId?: number
  programId?: number
}

const seconds = sql<number>`GREATEST(0, TIMESTAMPDIFF(SECOND, ${leads.createdAt}, ${leads.firstActivityAt}))`
// A literal, not a parameter: the SELECT and GROUP BY must hold the same expression (leads.first_response_hour's).
const HOUR = 3600
const hourOf = sql<number>`${seconds} DIV ${sql.raw(String(HOUR))}`

// Forced: MariaDB 10.11 estimates `assigned_to IN (…)` with a creation range badly and reads rows through
// leads_live_created_idx (a year: 0.2 s → 0.5 s at 100,000 leads).
const BY_CREATION = { forceIndex: 'leads_first_response_idx' } as const
const BY_HOUR = { forceIndex: 'leads_response_hour_idx' } as const

type Key = number | null

/** The k-th smallest (1-based) of values given as (value, how many) pairs. */
function kth(values: { secs: number, n: number }[], k: number): number {
  const sorted = [...values].sort((a, b) => a.secs - b.secs)
  let seen = 0
  for (const v of sorted) {
    seen += v.n
    if (k <= seen) return v.secs
  }
  throw new Error('first response: a middle rank outside its hour (the two passes disagree)')
}

/** Per assignee and over everyone (key null): how many of the cohort's leads were answered, and the median seconds. */
export function firstResponses(db: DbOrTx, c: ResponseCohort): Promise<Map<Key, FirstResponse>> {
  const filtered = !!(c.channelId || c.programId)
  const cohort = and(
    leadsCreatedIn(...c.range), inArray(leads.assignedTo, c.people),
    c.channelId ? eq(leads.channelId, c.channelId) : undefined, c.programId ? eq(leads.programId, c.programId) : undefined,
  )
  const answered = and(cohort, isNotNull(leads.firstActivityAt))
  const rf = leadResponseFacts
  return inSnapshot(db, async (tx) => {
    const counts = filtered
      ? await tx.select({ uid: leads.assignedTo, hour: hourOf, n: count() }).from(leads, BY_CREATION).where(answered).groupBy(leads.assignedTo, hourOf)
      : await tx.select({ uid: rf.assignedTo, hour: rf.hour, n: sql<string>`SUM(${rf.leads})` }).from(rf)
          .where(and(c.from === c.to ? eq(rf.month, c.from) : and(gte(rf.month, c.from), lte(rf.month, c.to)), inArray(rf.assignedTo, c.people)))
          .groupBy(rf.assignedTo, rf.hour)
    const hist = new Map<Key, Map<number, number>>([[null, new Map()]])
    for (const r of counts) {
      countInto(hist, Number(r.uid), Number(r.hour), Number(r.n))
      countInto(hist, null, Number(r.hour), Number(r.n))
    }
    const { totals, wanted } = locateMiddles(hist)
    const hours = [...new Set(wanted.map(w => w.cls))]
    const exact = hours.length
      ? await tx.select({ uid: leads.assignedTo, secs: seconds, n: count() }).from(leads, BY_HOUR)
          .where(and(cohort, inArray(leads.firstResponseHour, hours))).groupBy(leads.assignedTo, seconds)
      : []
    const middles = new Map<Key, number[]>()
    for (const w of wanted) {
      const values = exact.filter(r => Math.floor(Number(r.secs) / HOUR) === w.cls && (w.key === null || Number(r.uid) === w.key))
      middles.set(w.key, [...(middles.get(w.key) ?? []), kth(values.map(r => ({ secs: Number(r.secs), n: Number(r.n) })), w.k)])
    }
    const out = new Map<Key, FirstResponse>()
    for (const [key, n] of totals) {
      const mid = middles.get(key) ?? []
      out.set(key, { responded: n, medianSecs: mid.length ? mid.reduce((a, b) => a + b, 0) / mid.length : null })
    }
    return out
  })
}

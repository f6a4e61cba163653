import { inArray, type SQL } from 'drizzle-orm'
import type { TargetScope } from '../../../shared/enums/catalog'
import type { LeadReportGroup } from '../../../shared/enums/reports'
import type { ReportQuery } from '../../../shared/schemas/reports'
import type { LeadsData, LeadsGroupRow, LeadsTrendSeries } from '../../../shared/types/report-leads'
import { percent } from '../../../shared/utils/figures'
import { leads, users } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import {
  asFigure, closingStages, leadCohort, loadChannelInfo, metricOf, periodRange, tallyOver, targetsOver,
  type ChannelInfo, type Outcomes,
} from './cohort'
import { factsSource, freeTextGroups, freeTextMonths, leadsSource } from './leads-free-text'
import { facts, factsCohort, keyOf, leadSum, leadSumIn } from './lead-facts'
import type { ReportViewer } from './scope'
import { monthsOf } from './target-vs-real'

const num = (v: unknown) => Number(v ?? 0)
/** How many groups the monthly chart shows on their own; the rest is one series. */
export const TREND_GROUPS = 5

/** A group's figures before shares and targets. */
export interface GroupTally {
  key: string
  kind: LeadsGroupRow['kind']
  label: string | null
  groups?: number
  /** The channel or person id (targets are set per id). */
  id?: number
  leads: number
  won: number
  /** Leads per month: every group of channel, source type and person; the biggest school and grade groups. */
  byMonth?: Map<string, number>
}

/**
 * Lead counts over a period grouped by channel, source type, school, grade or person (the assignee), with how
 * many of them are won now, each group's share of all, and lead targets where the grouping has them: channel
 * targets per channel, user targets per person, and in the totals row the target of the one scope the filters
 * leave (the team, one channel, one person).
 */
export async function leadsReport(db: DbOrTx, viewer: ReportViewer, q: ReportQuery<'leads'>): Promise<LeadsData> {
  const months = monthsOf(q.from, q.to)
  const [stages, channelList] = await Promise.all([closingStages(db), loadChannelInfo(db)])
  const cohort = leadCohort(periodRange(q.from, q.to), q, viewer, channelList)
  const freeTextColumn = q.by === 'school' ? leads.school : q.by === 'grade' ? leads.grade : null
  const freeText = freeTextColumn && freeTextSource(q, viewer, stages, freeTextColumn, cohort)

  // Targets: channel targets on channel rows, user targets on person rows, each only where the filters leave the
  // row's own leads whole (a program filter, say, cuts a channel's leads to some of them: no target fits).
  const rowScope: TargetScope | null = q.by === 'channel' && !q.programId && !q.userId && viewer.ownerId == null
    ? 'channel'
    : q.by === 'admin' && !q.programId && !q.channelId && !q.sourceType ? 'user' : null
  const totalScope = totalsTargetScope(q, viewer)

  const [listed, rowTargets, totalTargets] = await Promise.all([
    freeText
      ? freeTextGroups(db, freeText, { hideSingletons: q.by === 'school' })
      : keyedGroups(db, q.by as KeyedGroup, factsCohort(q.from, q.to, q, viewer, channelList), stages, channelList).then(groups => ({ groups, counted: groups.length })),
    rowScope ? targetsOver(db, rowScope, q.from, q.to) : null,
    totalScope ? targetsOver(db, totalScope.scope, q.from, q.to) : null,
  ])
  sortGroups(listed.groups)
  // The months' totals: added up from the groups where they hold every lead once; for school and grade (whose
  // groups come back capped) from one more scan, which also gives the months of the biggest groups.
  const totalsByMonth = new Map<string, number>()
  let allLeads = 0
  let allWon = 0
  if (freeText) {
    const top = listed.groups.filter(g => g.leads > 0).slice(0, TREND_GROUPS)
    const { totals, perKey } = await freeTextMonths(db, freeText, top.map(g => g.key))
    for (const [m, t] of totals) {
      totalsByMonth.set(m, t.leads)
      allLeads += t.leads
      allWon += t.won
    }
    for (const g of top) g.byMonth = perKey.get(g.key) ?? new Map()
  }
  else {
    for (const g of listed.groups) for (const [m, n] of g.byMonth ?? []) totalsByMonth.set(m, (totalsByMonth.get(m) ?? 0) + n)
    allLeads = sum(listed.groups, 'leads')
    allWon = sum(listed.groups, 'won')
  }

  const groups = listed.groups
  if (rowTargets) {
    // Only the channels or people the filters let in: a source type's channels, the one channel or person asked for.
    const admits = rowScope === 'channel'
      ? (id: number) => (!q.channelId || id === q.channelId) && (!q.sourceType || channelList.find(c => c.id === id)?.sourceType === q.sourceType)
      : (id: number) => (!q.userId || id === q.userId) && (viewer.ownerId == null || id === viewer.ownerId)
    await addTargetedGroups(db, groups, rowTargets, rowScope!, channelList, admits)
  }
  // Whatever the listed groups leave out (schools past the top 50, schools with one lead) is one row.
  const rest = { leads: allLeads - sum(groups, 'leads'), won: allWon - sum(groups, 'won') }
  if (rest.leads > 0) groups.push({ key: 'others', kind: 'others', label: null, groups: listed.counted - groups.filter(g => g.leads > 0).length, ...rest })
  sortGroups(groups)

  const rows: LeadsGroupRow[] = groups.map((g) => {
    const target = rowTargets && g.id != null ? asFigure(tallyOver(g.byMonth ?? new Map(), metricOf(rowTargets.get(g.id), 'leads'))) : null
    return {
      key: g.key, kind: g.kind, label: g.label, ...(g.groups != null ? { groups: g.groups } : {}),
      leads: g.leads, share: percent(g.leads, allLeads), won: g.won, conversion: percent(g.won, g.leads),
      target: target?.target ?? null, pct: target?.pct ?? null,
    }
  })
  const totalTarget = totalScope ? asFigure(tallyOver(totalsByMonth, metricOf(totalTargets!.get(totalScope.id), 'leads'))) : null

  return {
    by: q.by,
    months,
    targets: q.by === 'channel' || q.by === 'admin',
    rows,
    totals: {
      leads: allLeads, share: allLeads ? 100 : null, won: allWon, conversion: percent(allWon, allLeads),
      target: totalTarget?.target ?? null, pct: totalTarget?.pct ?? null,
    },
    trend: trendOf(groups, months, totalsByMonth),
  }
}

/**
 * Where a school or grade grouping counts from: the month facts for the whole team (and, for grades, one person),
 * the cohort's leads for anything narrower.
 */
function freeTextSource(q: ReportQuery<'leads'>, viewer: ReportViewer, stages: Outcomes, column: typeof leads.school | typeof leads.grade, cohort: SQL) {
  const name = column.name as 'school' | 'grade'
  // A Sales/CS viewer with someone else in the person filter: none of their leads (as leadCohort has it).
  const people = [...new Set([viewer.ownerId, q.userId].filter((p): p is number => p != null))]
  const index = people.length ? 'leads_assignee_idx' : q.channelId || q.sourceType ? 'leads_channel_created_idx' : q.programId ? 'leads_program_idx' : undefined
  if (q.channelId || q.sourceType || q.programId) return leadsSource(column, cohort, stages, index)
  if (!people.length) return factsSource(name, q.from, q.to, stages)
  if (name === 'grade' && people.length === 1) return factsSource(name, q.from, q.to, stages, people[0])
  return leadsSource(column, cohort, stages, index)
}

const sum = (groups: GroupTally[], what: 'leads' | 'won') => groups.reduce((n, g) => n + g[what], 0)

/** The one target scope the filters leave the whole report in, if any: the team, one channel, or one person. */
function totalsTargetScope(q: ReportQuery<'leads'>, viewer: ReportViewer): { scope: TargetScope, id: number } | null {
  if (q.programId || q.sourceType) return null
  if (viewer.ownerId != null && q.userId && q.userId !== viewer.ownerId) return null
  const person = viewer.ownerId ?? q.userId
  if (person != null) return q.channelId ? null : { scope: 'user', id: person }
  if (q.channelId) return { scope: 'channel', id: q.channelId }
  return { scope: 'overall', id: 0 }
}

type KeyedGroup = Exclude<LeadReportGroup, 'school' | 'grade'>

/** Groups that are an id on the lead (channel, person) or follow from one (source type), month by month, from the month facts. */
async function keyedGroups(db: DbOrTx, by: KeyedGroup, cohort: SQL, stages: Outcomes, channelList: ChannelInfo[]): Promise<GroupTally[]> {
  const column = by === 'admin' ? facts.assignedTo : facts.channelId
  const grouped = await db.select({ id: column, month: facts.month, leads: leadSum(), won: leadSumIn(stages.won) })
    .from(facts).where(cohort).groupBy(column, facts.month)
  const rows = grouped.map(r => ({ ...r, id: keyOf(r.id) }))
  const ids = [...new Set(rows.map(r => r.id).filter((id): id is number => id != null))]
  const people = by === 'admin' && ids.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)) : []
  const channelOf = new Map(channelList.map(c => [c.id, c]))
  const nameOf = new Map(people.map(p => [p.id, p.name]))

  const groups = new Map<string, GroupTally>()
  for (const r of rows) {
    let g: Pick<GroupTally, 'key' | 'kind' | 'label' | 'id'>
    if (r.id == null) g = { key: 'none', kind: 'none', label: null }
    else if (by === 'sourceType') {
      const type = channelOf.get(r.id)?.sourceType ?? 'other'
      g = { key: `sourceType:${type}`, kind: 'item', label: type }
    }
    else g = { key: `${by}:${r.id}`, kind: 'item', label: (by === 'admin' ? nameOf.get(r.id) : channelOf.get(r.id)?.name) ?? null, id: r.id }
    const group = groups.get(g.key) ?? { ...g, leads: 0, won: 0, byMonth: new Map<string, number>() }
    group.leads += num(r.leads)
    group.won += num(r.won)
    group.byMonth!.set(r.month, (group.byMonth!.get(r.month) ?? 0) + num(r.leads))
    groups.set(g.key, group)
  }
  return [...groups.values()]
}

/** Most leads first, then most won, then the named before the unnamed, then by name; `others` last. */
function sortGroups(groups: GroupTally[]): GroupTally[] {
  const rank = (g: GroupTally) => (g.kind === 'others' ? 2 : g.kind === 'none' ? 1 : 0)
  return groups.sort((a, b) => Number(a.kind === 'others') - Number(b.kind === 'others') || b.leads - a.leads || b.won - a.won
    || rank(a) - rank(b) || (a.label ?? '').localeCompare(b.label ?? ''))
}

/** A channel or person with a lead target in the period is listed even without a lead (0 of its target). */
async function addTargetedGroups(
  db: DbOrTx, groups: GroupTally[], rowTargets: Map<number, Map<string, { leads: number }>>, scope: TargetScope, channelList: ChannelInfo[],
  admits: (id: number) => boolean,
): Promise<void> {
  const have = new Set(groups.map(g => g.id))
  const missing = [...rowTargets].filter(([id, byMonth]) => !have.has(id) && admits(id) && [...byMonth.values()].some(t => t.leads > 0)).map(([id]) => id)
  if (!missing.length) return
  const names = scope === 'channel'
    ? new Map(channelList.map(c => [c.id, c.name]))
    : new Map((await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, missing))).map(u => [u.id, u.name]))
  for (const id of missing) {
    if (!names.has(id)) continue
    groups.push({ key: `${scope === 'channel' ? 'channel' : 'admin'}:${id}`, kind: 'item', label: names.get(id)!, id, leads: 0, won: 0, byMonth: new Map() })
  }
}

/** Leads per month of the biggest groups, and the rest (the monthly totals less those) as one series. */
function trendOf(groups: GroupTally[], months: string[], totals: Map<string, number>): LeadsTrendSeries[] {
  const top = groups.filter(g => g.kind !== 'others' && g.leads > 0).slice(0, TREND_GROUPS)
  const series: LeadsTrendSeries[] = top.map(g => ({ key: g.key, kind: g.kind, label: g.label, counts: months.map(m => g.byMonth?.get(m) ?? 0) }))
  const rest = months.map((m, i) => (totals.get(m) ?? 0) - series.reduce((n, s) => n + s.counts[i]!, 0))
  if (rest.some(n => n > 0)) series.push({ key: 'others', kind: 'others', label: null, counts: rest })
  return series
}

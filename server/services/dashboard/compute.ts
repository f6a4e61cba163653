import type { ChannelRow, DashboardDto, FunnelStep, KpiFigure, ProgramRow, TeamRow, TrendPoint } from '../../../shared/types/dashboard'
import type { DbOrTx } from '../../utils/db'
import { monthRange, percent, shiftMonth } from './actuals'
import {
  enrolmentsBy, enrolmentsByMonth, funnelReach, leadCube, leadsByMonth, loadChannels, loadPrograms, loadStages, loadTargets, loadTeam,
} from './queries'

export const TREND_MONTHS = 6

/** Whose figures: one Sales/CS user's own (`ownerId`) or the whole team's (null); with or without money. */
export interface DashboardScope { ownerId: number | null, money: boolean }

/**
 * The dashboard of one month as far as it follows from the stored rows alone, so it can be cached until the
 * next write: everything but the two figures that move with the clock, which `dashboardFor` adds per request
 * (the forecast's days elapsed, each person's overdue follow-ups).
 */
export interface DashboardFigures extends Omit<DashboardDto, 'cards' | 'team'> {
  cards: Omit<DashboardDto['cards'], 'forecast'>
  /** The forecast's inputs (money only). */
  forecast?: { real: number, target: number | null }
  team: Omit<TeamRow, 'overdue'>[]
}

/**
 * Everything the dashboard at `/` shows for one Jakarta month, in a scope: Sales/CS their own leads, the
 * enrolments credited to them and their per-user targets; everyone else the whole team. Money (revenue, the
 * forecast) only when `scope.money` — left out of the response, not just hidden in the UI.
 */
export async function computeDashboard(db: DbOrTx, { ownerId, money }: DashboardScope, month: string): Promise<DashboardFigures> {
  const months = Array.from({ length: TREND_MONTHS }, (_, i) => shiftMonth(month, i - TREND_MONTHS + 1))
  const previousMonth = shiftMonth(month, -1)
  const range = monthRange(month)

  const stages = await loadStages(db)
  const openStages = stages.filter(s => s.kind === 'open')
  const openPosition = new Map(openStages.map(s => [s.id, s.position]))
  const wonIds = stages.filter(s => s.kind === 'won').map(s => s.id)
  const kindOf = new Map(stages.map(s => [s.id, s.kind]))

  const [olderLeads, enrolTrend, cube, reach, targetRows, byProgram, byUser, programList, channelList] = await Promise.all([
    // The month and the one before come out of the cube below.
    leadsByMonth(db, months.slice(0, -2), ownerId),
    enrolmentsByMonth(db, months, ownerId),
    leadCube(db, month, previousMonth, ownerId),
    funnelReach(db, month, ownerId, openPosition, wonIds),
    loadTargets(db, months, ownerId),
    enrolmentsBy(db, range, ownerId, 'program'),
    enrolmentsBy(db, range, ownerId, 'user'),
    loadPrograms(db),
    loadChannels(db),
  ])

  const leadTrend = new Map(olderLeads)
  for (const m of [previousMonth, month]) leadTrend.set(m, cube.reduce((n, r) => n + (r.month === m ? r.n : 0), 0))

  // Targets: the overall (or the user's own) per month, and per program for the month.
  const headline = new Map(targetRows.filter(t => t.scope !== 'program').map(t => [t.month, t]))
  const programTargets = new Map(targetRows.filter(t => t.scope === 'program' && t.month === month).map(t => [t.scopeId, t]))

  const trend: TrendPoint[] = months.map((m) => {
    const target = headline.get(m)
    const enrolled = enrolTrend.get(m) ?? { students: 0, revenue: 0 }
    return {
      month: m,
      leads: { target: target?.leads ?? null, real: leadTrend.get(m) ?? 0 },
      students: { target: target?.students ?? null, real: enrolled.students },
      ...(money ? { revenue: { target: target?.revenue ?? null, real: enrolled.revenue } } : {}),
    }
  })
  const [previous, current] = trend.slice(-2) as [TrendPoint, TrendPoint]
  const card = (key: 'leads' | 'students' | 'revenue'): KpiFigure => {
    const { target, real } = current[key]!
    return { target, real, pct: percent(real, target), previous: previous[key]!.real }
  }

  // The month's cohort (and last month's, for the change in conversion) by channel, assignee and current stage.
  const cohort = (m: string) => cube.filter(r => r.month === m)
  const isWon = (stageId: number) => kindOf.get(stageId) === 'won'
  const isLost = (stageId: number) => kindOf.get(stageId) === 'lost'
  const tally = (rows: typeof cube) => rows.reduce((t, r) => ({
    leads: t.leads + r.n, won: t.won + (isWon(r.stageId) ? r.n : 0), lost: t.lost + (isLost(r.stageId) ? r.n : 0),
  }), { leads: 0, won: 0, lost: 0 })
  const now_ = tally(cohort(month))
  const before = tally(cohort(previousMonth))

  const funnel = funnelSteps(stages, reach)
  const channels = channelRows(cohort(month), channelList, tally)

  const programs: ProgramRow[] = programList
    .filter(p => p.active || byProgram.has(p.id) || programTargets.has(p.id))
    .map((p) => {
      const real = byProgram.get(p.id) ?? { students: 0, revenue: 0 }
      const target = programTargets.get(p.id)
      return {
        programId: p.id, code: p.code, name: p.name,
        students: { target: target?.students ?? null, real: real.students, pct: percent(real.students, target?.students) },
        ...(money ? { revenue: { target: target?.revenue ?? null, real: real.revenue, pct: percent(real.revenue, target?.revenue) } } : {}),
      }
    })
    .sort((a, b) => (b.revenue?.real ?? 0) - (a.revenue?.real ?? 0) || b.students.real - a.students.real || a.name.localeCompare(b.name))

  // The leaderboard: everyone on the team, plus anyone else leads or enrolments of the month are credited to.
  const byAssignee = new Map<number, typeof cube>()
  for (const r of cohort(month)) if (r.assignedTo != null) byAssignee.set(r.assignedTo, [...byAssignee.get(r.assignedTo) ?? [], r])
  const credited = [...byAssignee.keys(), ...[...byUser.keys()].filter((id): id is number => id != null)]
  const people = await loadTeam(db, ownerId, [...new Set(credited)])
  const team: DashboardFigures['team'] = people.map((p) => {
    const t = tally(byAssignee.get(p.id) ?? [])
    const e = byUser.get(p.id) ?? { students: 0, revenue: 0 }
    return {
      userId: p.id, name: p.name, role: p.role, leads: t.leads, won: t.won, rate: percent(t.won, t.leads),
      students: e.students, ...(money ? { revenue: e.revenue } : {}),
    }
  }).sort((a, b) => (b.revenue ?? 0) - (a.revenue ?? 0) || b.students - a.students || b.won - a.won || b.leads - a.leads || a.name.localeCompare(b.name))

  const target = headline.get(month)
  return {
    month,
    previousMonth,
    scope: ownerId == null ? 'all' : 'own',
    money,
    cards: {
      ...(money ? { revenue: card('revenue') } : {}),
      students: card('students'),
      leads: card('leads'),
      conversion: {
        leads: now_.leads, won: now_.won, lost: now_.lost,
        rate: percent(now_.won, now_.leads), previousRate: percent(before.won, before.leads), closedRate: percent(now_.won, now_.won + now_.lost),
      },
    },
    ...(money ? { forecast: { real: current.revenue!.real, target: target?.revenue ?? null } } : {}),
    trend,
    funnel,
    channels,
    programs,
    team,
  }
}

/** One step per active open stage in board order, then one for winning. */
function funnelSteps(stages: Awaited<ReturnType<typeof loadStages>>, reach: { pos: number, won: boolean, n: number }[]): FunnelStep[] {
  const steps: Omit<FunnelStep, 'pct'>[] = stages.filter(s => s.active && s.kind === 'open').map(s => ({
    stageId: s.id, code: s.code, name: s.name, kind: 'open' as const,
    count: reach.reduce((n, r) => n + (r.won || r.pos >= s.position ? r.n : 0), 0),
  }))
  const won = stages.find(s => s.active && s.kind === 'won') ?? stages.find(s => s.kind === 'won')
  if (won) steps.push({ stageId: won.id, code: won.code, name: won.name, kind: 'won', count: reach.reduce((n, r) => n + (r.won ? r.n : 0), 0) })
  const first = steps[0]?.count ?? 0
  return steps.map(s => ({ ...s, pct: percent(s.count, first) }))
}

function channelRows(
  rows: Awaited<ReturnType<typeof leadCube>>,
  list: Awaited<ReturnType<typeof loadChannels>>,
  tally: (rows: Awaited<ReturnType<typeof leadCube>>) => { leads: number, won: number },
): ChannelRow[] {
  const by = new Map<number | null, typeof rows>()
  for (const r of rows) by.set(r.channelId, [...by.get(r.channelId) ?? [], r])
  const names = new Map(list.map(c => [c.id, c.name]))
  return [...by].map(([channelId, rs]) => {
    const t = tally(rs)
    return { channelId, name: channelId == null ? null : names.get(channelId) ?? null, leads: t.leads, won: t.won, rate: percent(t.won, t.leads) }
  }).sort((a, b) => b.leads - a.leads || b.won - a.won || (a.name ?? '~').localeCompare(b.name ?? '~'))
}

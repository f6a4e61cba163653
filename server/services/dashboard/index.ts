import type { DashboardDto } from '../../../shared/types/dashboard'
import { jakartaDay } from '../../../shared/utils/jakarta'
import { canSeeMoney, leadScopeIsOwn } from '../../../shared/utils/permissions'
import { readVersions } from '../../db/versions'
import type { DbOrTx } from '../../utils/db'
import type { SessionUser } from '../auth/sessions'
import { VersionedCache } from './cache'
import { computeDashboard, type DashboardFigures, type DashboardScope } from './compute'
import { runRateForecast } from './forecast'
import { loadStages, loadUserIds, overdueAt } from './queries'

export { TREND_MONTHS } from './compute'

/** The current month in Jakarta, 'YYYY-MM'. */
export const currentMonth = (now = new Date()) => jakartaDay(now).slice(0, 7)

export function dashboardScope(user: Pick<SessionUser, 'id' | 'role'>): DashboardScope {
  return { ownerId: leadScopeIsOwn(user.role) ? user.id : null, money: canSeeMoney(user.role) }
}

// Per (scope, month): the whole team with and without money, and each Sales/CS user, for the months people open.
const figures = new VersionedCache<DashboardFigures>(500)
// The overdue counts of every assignee, as of `from`, under `version`; they hold until `until`.
let overdueKept: { version: number, from: number, result: Promise<{ counts: Map<number, number>, until: number }> } | undefined

/**
 * Everything the dashboard at `/` shows for one Jakarta month, in the caller's scope (see computeDashboard).
 * The figures that follow from the stored rows are computed once per data version and reused by every request
 * until the next write; the two that move with the clock are added here, exactly as of `now`: the forecast's
 * days elapsed and each person's overdue follow-ups (kept only until the next follow-up falls due).
 */
export async function dashboardFor(
  db: DbOrTx, user: Pick<SessionUser, 'id' | 'role'>, month: string, now = new Date(),
  opts: { fresh?: boolean } = {},
): Promise<DashboardDto> {
  const scope = dashboardScope(user)
  // `fresh`: computed from the rows, nothing reused or kept (what the cached answer must always equal).
  const version = opts.fresh ? { dashboard: null, followups: null } : await readVersions(db, ['dashboard', 'followups'])
  const key = `${scope.ownerId ?? 'team'}:${scope.money ? 'money' : 'no-money'}:${month}`
  const [base, overdue] = await Promise.all([
    figures.get(key, version.dashboard, () => computeDashboard(db, scope, month)),
    overdueNow(db, version.followups, now),
  ])
  const { forecast, cards, team, ...rest } = base
  return {
    ...rest,
    cards: { ...cards, ...(forecast ? { forecast: runRateForecast(month, forecast.real, forecast.target, now) } : {}) },
    team: team.map(row => ({ ...row, overdue: overdue.get(row.userId) ?? 0 })),
  }
}

/**
 * Overdue follow-ups per assignee as of `now`. Counted as of some earlier instant `from` under the same data
 * version, they still hold if no follow-up fell due in between: reused until the earliest follow-up still to come.
 */
async function overdueNow(db: DbOrTx, version: number | null, now: Date): Promise<Map<number, number>> {
  const t = now.getTime()
  const kept = overdueKept
  if (version != null && kept && kept.version === version && kept.from <= t) {
    const r = await kept.result.catch(() => null)
    if (r && t < r.until) return r.counts
  }
  const result = (async () => {
    const [stages, userIds] = await Promise.all([loadStages(db), loadUserIds(db)])
    const { counts, until } = await overdueAt(db, userIds, stages.filter(s => s.kind === 'open').map(s => s.id), now)
    return { counts, until: until?.getTime() ?? Number.POSITIVE_INFINITY }
  })()
  const current = overdueKept
  if (version != null && (!current || current.version < version || (current.version === version && current.from <= t))) {
    const entry = { version, from: t, result }
    overdueKept = entry
    result.catch(() => {
      if (overdueKept === entry) overdueKept = undefined
    })
  }
  return (await result).counts
}

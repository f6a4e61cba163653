import type { ShareableReport } from '../../../shared/enums/reports'
import { dashboardQuerySchema } from '../../../shared/schemas/dashboard'
import type { ReportResponse } from '../../../shared/types/reports'
import type { DbOrTx } from '../../utils/db'
import { parseInput } from '../../utils/validation'
import type { SessionUser } from '../auth/sessions'
import { currentMonth, dashboardFor } from '../dashboard'
import { runReport } from '../reports/registry'
import { reportViewer } from '../reports/scope'

/** The filters of a shareable report as it understands them (defaults filled in); a 400 when they are wrong. */
export async function normaliseShareParams(
  db: DbOrTx, report: ShareableReport, user: Pick<SessionUser, 'id' | 'role'>, params: Record<string, unknown>, now = new Date(),
): Promise<Record<string, string | number>> {
  if (report === 'dashboard') return { month: parseInput(dashboardQuerySchema, params).month ?? currentMonth(now) }
  return (await runReport(db, report, reportViewer(user), params, now)).params
}

/** A shareable report (a report or the dashboard) computed as `user` would see it, in the envelope of the reports API. */
export async function renderShareable(
  db: DbOrTx, report: ShareableReport, user: Pick<SessionUser, 'id' | 'role'>, params: Record<string, unknown>, now = new Date(),
): Promise<ReportResponse<unknown>> {
  if (report !== 'dashboard') return runReport(db, report, reportViewer(user), params, now)
  const month = parseInput(dashboardQuerySchema, params).month ?? currentMonth(now)
  const data = await dashboardFor(db, user, month, now)
  const viewer = reportViewer(user)
  return { report, params: { month }, scope: data.scope, money: viewer.money, generatedAt: now.toISOString(), data }
}

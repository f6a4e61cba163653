import { getQuery, getRouterParam } from 'h3'
import { REPORT_NAMES, type ReportName } from '#shared/enums/reports'
import type { ReportResponse } from '#shared/types/reports'
import { runReport } from '../../services/reports/registry'
import { reportViewer } from '../../services/reports/scope'

/** One report with the filters of its page: `GET /api/reports/funnel?from=2026-09&to=2026-11&channelId=3`. */
export default defineEventHandler(async (event): Promise<ReportResponse<unknown>> => {
  const user = await requireUser(event, 'reports:view')
  const name = getRouterParam(event, 'name') as ReportName
  if (!REPORT_NAMES.includes(name)) throw notFound('Laporan tidak ditemukan.')
  return runReport(useDb(), name, reportViewer(user), getQuery(event))
})

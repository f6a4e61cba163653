import { createError } from 'h3'
import type { z } from 'zod'
import type { ReportName } from '../../../shared/enums/reports'
import { reportQuerySchemas, type ReportQuery } from '../../../shared/schemas/reports'
import { can } from '../../../shared/utils/permissions'
import type { ReportResponse } from '../../../shared/types/reports'
import type { DbOrTx } from '../../utils/db'
import { validationError } from '../../utils/validation'
import { adsReport } from './ads'
import { funnelReport } from './funnel'
import type { ReportViewer } from './scope'
import { conversionReport } from './conversion'
import { leadsReport } from './leads'
import { programsReport } from './programs'
import { forecast } from './forecast'
import { targetVsReal } from './target-vs-real'
import { team } from './team'

/**
 * Every report by name: how to compute it. The API route (`GET /api/reports/<name>`) and shared links both run a
 * report through `runReport`, so a shared page shows exactly what its creator's page shows.
 */
type Runner<N extends ReportName> = (db: DbOrTx, viewer: ReportViewer, q: ReportQuery<N>, now: Date) => Promise<unknown>

interface ReportDefinition<N extends ReportName> {
  run: Runner<N>
  /** Roles that may not open it at all (the page is hidden for them too). */
  allowed?: (viewer: ReportViewer) => boolean
}

export const REPORTS: { [N in ReportName]?: ReportDefinition<N> } = {
  'target-vs-real': { run: targetVsReal },
  'programs': { run: programsReport },
  'leads': { run: leadsReport },
  'conversion': { run: conversionReport },
  // Team figures only: there is no "own" version of ad spend, so not for Sales/CS.
  'ads': { run: adsReport, allowed: viewer => can(viewer.role, 'reports:team') },
  'funnel': { run: funnelReport },
  'forecast': { run: forecast },
  'team': { run: team },
}

export function isReportAvailable(name: ReportName): boolean {
  return !!REPORTS[name]
}

/** Validate the filters (a 400 with field errors), then compute the report for the viewer. */
export async function runReport<N extends ReportName>(
  db: DbOrTx, name: N, viewer: ReportViewer, input: Record<string, unknown>, now = new Date(),
): Promise<ReportResponse<unknown>> {
  const definition = REPORTS[name] as ReportDefinition<N> | undefined
  if (!definition) throw createError({ statusCode: 404, statusMessage: 'Not Found', message: 'Laporan tidak ditemukan.' })
  if (definition.allowed && !definition.allowed(viewer))
    throw createError({ statusCode: 403, statusMessage: 'Forbidden', message: 'Anda tidak memiliki akses untuk laporan ini.' })
  const schema = reportQuerySchemas[name] as unknown as z.ZodType<ReportQuery<N>>
  const parsed = schema.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error)
  const params = Object.fromEntries(Object.entries(parsed.data as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')) as Record<string, string | number>
  return {
    report: name,
    params,
    scope: viewer.ownerId == null ? 'all' : 'own',
    money: viewer.money,
    generatedAt: now.toISOString(),
    data: await definition.run(db, viewer, parsed.data, now),
  }
}

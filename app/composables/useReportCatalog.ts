import { REPORT_NAMES, type ReportName } from '#shared/enums/reports'
import type { Permission } from '#shared/utils/permissions'

const ICONS: Record<ReportName, string> = {
  'target-vs-real': 'i-lucide-chart-no-axes-combined',
  'programs': 'i-lucide-book-open-check',
  'leads': 'i-lucide-users',
  'conversion': 'i-lucide-percent',
  'ads': 'i-lucide-chart-pie',
  'funnel': 'i-lucide-filter',
  'forecast': 'i-lucide-telescope',
  'team': 'i-lucide-users-round',
}

/** Reports with no "own figures" version need more than `reports:view` (their page asks for the same). */
const PERMISSION: Partial<Record<ReportName, Permission>> = {
  ads: 'reports:team',
}

/** The analytic reports as the Reports menu and overview list them, each with its icon and page: those the user may open. */
export function useReportCatalog(): { name: ReportName, icon: string, to: string, permission: Permission }[] {
  const { can } = useCan()
  return REPORT_NAMES
    .map(name => ({ name, icon: ICONS[name], to: `/reports/${name}`, permission: PERMISSION[name] ?? 'reports:view' }))
    .filter(r => can(r.permission))
}

import { REPORT_NAMES, type ReportName } from '#shared/enums/reports'

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

/** The analytic reports as the Reports menu and overview list them, each with its icon and page. */
export function useReportCatalog(): { name: ReportName, icon: string, to: string }[] {
  return REPORT_NAMES.map(name => ({ name, icon: ICONS[name], to: `/reports/${name}` }))
}

import type { ReportName } from '#shared/enums/reports'
import type { ReportResponse } from '#shared/types/reports'

/** Query values as the URL holds them: strings, empty ones dropped. */
function cleanQuery(query: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(query)) {
    const value = Array.isArray(v) ? v[0] : v
    if (value !== undefined && value !== null && value !== '') out[k] = String(value)
  }
  return out
}

/**
 * A report's filters live in the URL (`/reports/funnel?from=2026-09&channelId=3`): the page reads them from there,
 * the API gets them as they are, and a link or a reload shows the same report. `set` merges and drops blanks.
 */
export function useReportFilters() {
  const route = useRoute()
  const router = useRouter()
  const query = computed(() => cleanQuery(route.query))
  function set(next: Record<string, string | number | null | undefined>) {
    return router.replace({ query: cleanQuery({ ...route.query, ...next }) })
  }
  function reset(keep: string[] = []) {
    return router.replace({ query: Object.fromEntries(Object.entries(query.value).filter(([k]) => keep.includes(k))) })
  }
  return { query, set, reset }
}

/** One report's data for the filters in the URL (`GET /api/reports/<name>`), rendered on the server first. */
export function useReport<T>(name: ReportName) {
  const { query, set, reset } = useReportFilters()
  const fetch = useFetch<ReportResponse<T>>(`/api/reports/${name}`, { key: `report-${name}`, query })
  return { ...fetch, query, set, reset }
}

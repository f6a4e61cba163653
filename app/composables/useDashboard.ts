import type { DashboardDto } from '#shared/types/dashboard'
import { jakartaDay } from '#shared/utils/jakarta'
import { shiftMonth } from '#shared/utils/months'

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

/** The dashboard's state lives in the URL (`/?month=2026-11`), so a reload or a shared link opens the same month. */
export function useDashboard() {
  const route = useRoute()
  const router = useRouter()
  const current = jakartaDay(new Date()).slice(0, 7)
  const month = computed(() => (MONTH.test(String(route.query.month)) ? String(route.query.month) : current))
  const { data, status, error, refresh } = useFetch<DashboardDto>('/api/reports/dashboard', {
    key: 'dashboard',
    query: computed(() => ({ month: month.value })),
  })
  function go(next: string) {
    return router.replace({ query: { ...route.query, month: next === current ? undefined : next } })
  }
  return { month, current, data, status, error, refresh, go, step: (n: number) => go(shiftMonth(month.value, n)) }
}

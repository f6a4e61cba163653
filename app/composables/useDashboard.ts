import type { DashboardDto } from '#shared/types/dashboard'
import { jakartaDay } from '#shared/utils/jakarta'

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

/** 'YYYY-MM' moved by whole months. */
export function shiftMonthKey(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const d = new Date(Date.UTC(y, m - 1 + n, 1))
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

/** 'November 2026' / 'Nov 26' for a 'YYYY-MM' month, in the UI's locale. */
export function formatMonth(month: string, locale: string, style: 'long' | 'short' = 'long'): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', style === 'long' ? { month: 'long', year: 'numeric', timeZone: 'UTC' } : { month: 'short', year: '2-digit', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, 15)))
}

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
  return { month, current, data, status, error, refresh, go, step: (n: number) => go(shiftMonthKey(month.value, n)) }
}

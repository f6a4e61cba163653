import type { CalendarItem, CalendarResponse } from '#shared/types/calendar'
import { addDays, addMonths, jakartaDay, jakartaInstant, jakartaMinutes, startOfMonth, startOfWeek, toJakartaIso } from '#shared/utils/jakarta'

export const CALENDAR_VIEWS = ['month', 'week', 'day'] as const
export type CalendarView = typeof CALENDAR_VIEWS[number]

/** The days a view shows around a day: six Monday-first weeks, one week, or the day. */
export function calendarDays(view: CalendarView, anchor: string): string[] {
  const first = view === 'month' ? startOfWeek(startOfMonth(anchor)) : view === 'week' ? startOfWeek(anchor) : anchor
  const count = view === 'month' ? 42 : view === 'week' ? 7 : 1
  return Array.from({ length: count }, (_, i) => addDays(first, i))
}

/**
 * The calendar page's state, kept in the URL (`?view=week&date=2026-12-01&user=12`) so a reload or a
 * shared link opens the same view: the days shown, the items in them, and moving an item.
 */
export function useCalendar() {
  const route = useRoute()
  const router = useRouter()

  const view = computed<CalendarView>(() => (CALENDAR_VIEWS as readonly string[]).includes(String(route.query.view)) ? route.query.view as CalendarView : 'month')
  const anchor = computed(() => /^\d{4}-\d{2}-\d{2}$/.test(String(route.query.date)) ? String(route.query.date) : jakartaDay(new Date()))
  const user = computed(() => (typeof route.query.user === 'string' && route.query.user ? route.query.user : undefined))
  const days = computed(() => calendarDays(view.value, anchor.value))

  const query = computed(() => ({ from: days.value[0]!, to: days.value.at(-1)!, ...(user.value ? { user: user.value } : {}) }))
  const { data, error, status, refresh } = useFetch<CalendarResponse>('/api/calendar', { key: 'calendar', query, deep: true })

  function go(next: { view?: CalendarView, date?: string, user?: string | null }) {
    const q: Record<string, string> = { view: next.view ?? view.value, date: next.date ?? anchor.value }
    const u = next.user === undefined ? user.value : next.user
    if (u) q.user = u
    return router.replace({ query: q })
  }
  function step(direction: -1 | 1) {
    const date = view.value === 'month' ? addMonths(anchor.value, direction) : addDays(anchor.value, direction * (view.value === 'week' ? 7 : 1))
    return go({ date })
  }

  /** Items by Jakarta day, each day in time order. */
  const byDay = computed(() => {
    const map = new Map<string, CalendarItem[]>()
    for (const item of data.value?.items ?? []) {
      const day = jakartaDay(item.at)
      map.set(day, [...(map.get(day) ?? []), item])
    }
    return map
  })

  const toast = useToast()
  const { t, locale } = useI18n()
  /**
   * Move an item to a day, at a time of day (minutes after 00:00 WIB) or, without one, at the time it had.
   * The item moves at once; a refusal puts it back.
   */
  async function reschedule(item: CalendarItem, day: string, minutes?: number) {
    const at = jakartaInstant(day, minutes ?? jakartaMinutes(item.at))
    if (at.getTime() === new Date(item.at).getTime()) return
    const previous = item.at
    item.at = at.toISOString()
    try {
      if (item.kind === 'todo') await $fetch(`/api/todos/${item.id}`, { method: 'PATCH', body: { dueAt: toJakartaIso(at) } })
      else await $fetch(`/api/leads/${item.id}`, { method: 'PATCH', body: { nextFollowUpAt: toJakartaIso(at) } })
      toast.add({ title: t('calendar.moved', { time: formatDateTime(at, locale.value) }), color: 'success', icon: 'i-lucide-calendar-check' })
    }
    catch (e) {
      item.at = previous
      toast.add({ title: apiError(e).message, color: 'error', icon: 'i-lucide-circle-alert' })
    }
    await Promise.all([refresh(), refreshNuxtData('todos-list')])
  }

  return { view, anchor, user, days, data, error, status, refresh, go, step, byDay, reschedule }
}

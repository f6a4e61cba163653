import type { AdSpendListResponse, EnrollmentDto, EnrollmentListResponse, TargetsCopyResult, TargetsResponse } from '#shared/types/reports'
import type { TargetItemInput } from '#shared/schemas/targets'
import { jakartaMonth } from '#shared/utils/months'

/** The month in the URL (?month=YYYY-MM), the current Jakarta month when there is none. */
export function useMonthQuery() {
  const route = useRoute()
  const router = useRouter()
  return computed({
    get: () => (typeof route.query.month === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(route.query.month) ? route.query.month : jakartaMonth()),
    set: (month: string) => router.replace({ query: { ...route.query, month, page: undefined } }),
  })
}

/** A month's targets with the real figures, and saving and copying them. */
export async function useTargets(month: Ref<string>) {
  const fetch = await useFetch<TargetsResponse>('/api/targets', { key: 'report-targets', query: computed(() => ({ month: month.value })) })
  async function save(items: TargetItemInput[]) {
    fetch.data.value = await $fetch<TargetsResponse>('/api/targets', { method: 'PUT', body: { month: month.value, items } })
  }
  async function copy(overwrite = false): Promise<TargetsCopyResult> {
    const result = await $fetch<TargetsCopyResult>('/api/targets/copy', { method: 'POST', body: { month: month.value, overwrite } })
    await fetch.refresh()
    return result
  }
  return { ...fetch, save, copy }
}

export function useEnrollmentList(query: Ref<Record<string, string | number | undefined>>, key = 'report-enrollments') {
  return useFetch<EnrollmentListResponse>('/api/enrollments', { key, query })
}

export function useEnrollmentActions() {
  async function create(body: Record<string, unknown>): Promise<EnrollmentDto> {
    return $fetch<EnrollmentDto>('/api/enrollments', { method: 'POST', body })
  }
  async function cancel(id: number): Promise<EnrollmentDto> {
    return $fetch<EnrollmentDto>(`/api/enrollments/${id}`, { method: 'PATCH', body: { status: 'cancelled' } })
  }
  return { create, cancel }
}

export async function useAdSpend(query: Ref<Record<string, string | number | undefined>>) {
  const fetch = await useFetch<AdSpendListResponse>('/api/ad-spend', { key: 'report-ad-spend', query })
  async function create(body: Record<string, unknown>) {
    await $fetch('/api/ad-spend', { method: 'POST', body })
    await fetch.refresh()
  }
  async function update(id: number, body: Record<string, unknown>) {
    await $fetch(`/api/ad-spend/${id}`, { method: 'PATCH', body })
    await fetch.refresh()
  }
  async function remove(id: number) {
    await $fetch(`/api/ad-spend/${id}`, { method: 'DELETE' })
    await fetch.refresh()
  }
  return { ...fetch, create, update, remove }
}

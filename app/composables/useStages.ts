import type { StageDto } from '#shared/types/pipeline'

/** The pipeline stages in board order, and their changes; the settings page and its modal share one cache key. */
export function useStages() {
  const { data, status, refresh } = useFetch<StageDto[]>('/api/stages', { key: 'stages', default: () => [] })

  async function create(body: Record<string, unknown>) {
    await $fetch('/api/stages', { method: 'POST', body })
    await refresh()
  }
  async function update(id: number, body: Record<string, unknown>) {
    await $fetch(`/api/stages/${id}`, { method: 'PATCH', body })
    await refresh()
  }
  /** `ids`: every active stage, in the new order. The answer is the whole list, saved. */
  async function reorder(ids: number[]) {
    data.value = await $fetch<StageDto[]>('/api/stages/reorder', { method: 'POST', body: { ids } })
  }
  return { stages: data, status, refresh, create, update, reorder }
}

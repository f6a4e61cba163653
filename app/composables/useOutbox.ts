import type { OutboxList, OutboxView } from '#shared/schemas/outbox'

/** The Owner's view of deliveries (Settings > Deliveries): by state, with retry. */
export function useOutbox() {
  const view = ref<OutboxView>('failed')
  const page = ref(1)
  const pageSize = 25
  const { data, status, refresh } = useFetch<OutboxList>('/api/outbox', {
    key: 'outbox',
    query: computed(() => ({ view: view.value, page: page.value, pageSize })),
  })
  watch(view, () => {
    page.value = 1
  })
  async function retry(body: { ids: number[] } | { all: true }): Promise<number> {
    const res = await $fetch<{ retried: number }>('/api/outbox/retry', { method: 'POST', body })
    await refresh()
    return res.retried
  }
  return {
    view,
    page,
    pageSize,
    status,
    refresh,
    retry,
    items: computed(() => data.value?.items ?? []),
    total: computed(() => data.value?.total ?? 0),
    counts: computed(() => data.value?.counts ?? { failed: 0, retrying: 0, pending: 0, sent: 0 }),
  }
}

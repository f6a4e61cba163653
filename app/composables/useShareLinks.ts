import type { ShareableReport, ShareExpiryDays } from '#shared/enums/reports'
import type { ShareLinkCreated, ShareLinkDto } from '#shared/types/share-links'

/** The caller's links to one report: list, make (`{ id, url }`), revoke. Fetched when the share dialog opens. */
export function useShareLinks(report: MaybeRefOrGetter<ShareableReport>) {
  const { data, status, refresh } = useFetch<ShareLinkDto[]>('/api/share-links', {
    key: computed(() => `share-links-${toValue(report)}`),
    query: computed(() => ({ report: toValue(report) })),
    immediate: false,
    server: false,
    default: () => [],
  })
  async function create(params: Record<string, string | number>, expiresInDays: ShareExpiryDays): Promise<ShareLinkCreated> {
    const created = await $fetch<ShareLinkCreated>('/api/share-links', { method: 'POST', body: { report: toValue(report), params, expiresInDays } })
    await refresh()
    return created
  }
  async function revoke(id: number) {
    await $fetch(`/api/share-links/${id}`, { method: 'DELETE' })
    await refresh()
  }
  return { links: data, status, refresh, create, revoke }
}

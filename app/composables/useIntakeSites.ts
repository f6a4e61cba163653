import type { IntakeSiteCreated, IntakeSitePublic } from '#shared/schemas/intake'

/** The landing-page site keys for the public POST /api/intake. */
export function useIntakeSites() {
  const { data, status, refresh } = useFetch<{ items: IntakeSitePublic[] }>('/api/intake/sites', { key: 'intake-sites' })

  /** The answer holds the clear key: shown once, never again. */
  async function create(name: string): Promise<IntakeSiteCreated> {
    const site = await $fetch<IntakeSiteCreated>('/api/intake/sites', { method: 'POST', body: { name } })
    await refresh()
    return site
  }
  async function revoke(id: string) {
    await $fetch(`/api/intake/sites/${encodeURIComponent(id)}`, { method: 'DELETE' })
    await refresh()
  }
  return { sites: computed(() => data.value?.items ?? []), status, create, revoke }
}

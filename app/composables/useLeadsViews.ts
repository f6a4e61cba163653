import type { SavedViewDto } from '#shared/types/preferences'

const byName = (a: SavedViewDto, b: SavedViewDto) => a.name.localeCompare(b.name, 'id')

/**
 * The user's saved views of the leads table (GET/POST/DELETE /api/me/views): a name and the table's query.
 * Kept on the server, so they follow the user to any browser.
 */
export function useLeadsViews() {
  const { data: me } = useAuth()
  const { data, status } = useFetch<SavedViewDto[]>('/api/me/views', {
    key: `views-leads-${me.value?.id ?? 'anon'}`,
    query: { page: 'leads' },
    default: () => [],
  })
  const views = computed(() => data.value ?? [])

  async function save(name: string, query: Record<string, string>): Promise<SavedViewDto> {
    const view = await $fetch<SavedViewDto>('/api/me/views', { method: 'POST', body: { page: 'leads', name, query } })
    data.value = [...views.value, view].sort(byName)
    return view
  }

  async function remove(view: SavedViewDto): Promise<void> {
    await $fetch(`/api/me/views/${view.id}`, { method: 'DELETE' })
    data.value = views.value.filter(v => v.id !== view.id)
  }

  return { views, status, save, remove }
}

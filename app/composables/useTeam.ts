import type { Role } from '#shared/enums/roles'
import type { PublicUserDto } from '#shared/types/users'

/** The team list and its mutations; pages and modals share one cache key. */
export function useTeam(filter: Ref<{ q?: string, role?: Role, active?: 'true' | 'false' }>) {
  const { data, status, refresh } = useFetch<PublicUserDto[]>('/api/users', { key: 'team', query: filter, default: () => [] })

  async function create(body: Record<string, unknown>) {
    await $fetch('/api/users', { method: 'POST', body })
    await refresh()
  }
  async function update(id: number, body: Record<string, unknown>) {
    await $fetch(`/api/users/${id}`, { method: 'PATCH', body })
    await refresh()
  }
  async function resetPassword(id: number, password: string) {
    await $fetch(`/api/users/${id}/password`, { method: 'POST', body: { password } })
  }
  return { users: data, status, refresh, create, update, resetPassword }
}

import type { Permission } from '#shared/utils/permissions'
import { can } from '#shared/utils/permissions'

/**
 * The signed-in user's session data, as @sidebase/nuxt-auth keeps it (`useAuth().data`): read straight from its
 * state, because useAuth() builds the whole client (cookies, watchers, functions) on each call, and the shell and
 * the pages ask who is signed in a dozen times per server render.
 */
export function useSessionData() {
  return useState<ReturnType<typeof useAuth>['data']['value']>('auth:data')
}

/** Hide what the role cannot do. The server still decides: this is only for a tidy UI. */
export function useCan() {
  const data = useSessionData()
  const role = computed(() => data.value?.role)
  return {
    role,
    can: (permission: Permission) => can(role.value, permission),
  }
}

import type { Permission } from '#shared/utils/permissions'
import { can } from '#shared/utils/permissions'

/** Hide what the role cannot do. The server still decides: this is only for a tidy UI. */
export function useCan() {
  const { data } = useAuth()
  const role = computed(() => data.value?.role)
  return {
    role,
    can: (permission: Permission) => can(role.value, permission),
  }
}

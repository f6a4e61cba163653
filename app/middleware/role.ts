import type { Permission } from '#shared/utils/permissions'
import { can } from '#shared/utils/permissions'

declare module '#app' {
  interface PageMeta {
    /** The permission a page needs; the server enforces the same on its API. */
    permission?: Permission
  }
}

export default defineNuxtRouteMiddleware((to) => {
  const permission = to.meta.permission
  if (!permission) return
  const data = useSessionData()
  if (!can(data.value?.role, permission))
    return abortNavigation(createError({ statusCode: 403, statusMessage: 'Forbidden', message: 'forbidden' }))
})

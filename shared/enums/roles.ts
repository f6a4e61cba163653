export const ROLES = ['owner', 'manager', 'admin', 'sales'] as const
export type Role = typeof ROLES[number]

/** i18n keys live in i18n/locales; these labels are the fallback for scripts and logs. */
export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  manager: 'Manager',
  admin: 'Admin',
  sales: 'Sales/CS',
}

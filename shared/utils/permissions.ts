import type { Role } from '../enums/roles'

/**
 * The one permission matrix. The server guard (`requireUser`) and the UI (`useCan`)
 * both read it; the server decides, the UI only hides what would be refused.
 */
export const PERMISSIONS = [
  'dashboard:view',
  'leads:read',
  'leads:create',
  'leads:update',
  'leads:delete',
  /** The trash: list deleted leads and restore them. */
  'leads:restore',
  'leads:assign',
  'leads:export',
  'leads:import',
  'pipeline:configure',
  'activities:write',
  /** Edit and delete anyone's activities (everyone may edit and delete their own). */
  'activities:manage',
  /** See anyone's follow-ups and the team's follow-up numbers. */
  'followups:team',
  'todos:use',
  'calendar:view',
  /** See another user's (or everyone's) follow-ups and to-dos in the calendar. */
  'calendar:team',
  'reports:view',
  'reports:share',
  /** Reports of the whole team that have no "own figures" version (ads performance): not for Sales/CS. */
  'reports:team',
  'targets:manage',
  /** Cancel an enrolment: it takes revenue and a student off the month. */
  'enrollments:cancel',
  /** Enter, edit and delete daily ad spend. */
  'adspend:manage',
  'whatsapp:use',
  'news:read',
  'news:manage',
  'users:read',
  'users:manage',
  'settings:manage',
  'audit:view',
] as const
export type Permission = typeof PERMISSIONS[number]

const everyone: Permission[] = [
  'dashboard:view', 'leads:read', 'leads:create', 'leads:update', 'activities:write',
  'todos:use', 'calendar:view', 'whatsapp:use', 'news:read',
]

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  manager: [
    ...everyone, 'leads:delete', 'leads:restore', 'leads:assign', 'leads:export', 'leads:import', 'pipeline:configure',
    'activities:manage', 'followups:team', 'calendar:team',
    'reports:view', 'reports:share', 'reports:team', 'targets:manage', 'enrollments:cancel', 'adspend:manage', 'news:manage', 'users:read', 'users:manage', 'audit:view',
  ],
  admin: [...everyone, 'leads:delete', 'leads:assign', 'leads:export', 'leads:import', 'reports:view', 'reports:share', 'reports:team', 'enrollments:cancel'],
  // Reports and their links too: Sales/CS see (and share) their own figures only.
  sales: [...everyone, 'reports:view', 'reports:share'],
}

export function can(role: Role | undefined | null, permission: Permission): boolean {
  return !!role && ROLE_PERMISSIONS[role].includes(permission)
}

/** Which roles an actor may create, edit, deactivate or reset: Owner all, Manager only Admin and Sales/CS. */
export const MANAGEABLE_ROLES: Record<Role, readonly Role[]> = {
  owner: ['owner', 'manager', 'admin', 'sales'],
  manager: ['admin', 'sales'],
  admin: [],
  sales: [],
}

export function canManageRole(actor: Role, target: Role): boolean {
  return MANAGEABLE_ROLES[actor].includes(target)
}

/** Sales/CS only see and change the leads assigned to them. */
export function leadScopeIsOwn(role: Role): boolean {
  return role === 'sales'
}

/** Revenue and money figures: the Owner and Managers (the team's), Sales/CS (their own); never Admin. */
export function canSeeMoney(role: Role): boolean {
  return role !== 'admin'
}

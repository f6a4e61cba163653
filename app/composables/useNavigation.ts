import type { Permission } from '#shared/utils/permissions'

interface NavEntry { key: string, to: string, icon: string, permission: Permission }

/** One sidebar link as `AppNav` draws it. */
export interface NavItem { label: string, icon: string, to: string, exact: boolean }

/** Every area of the product, in the order the team works through a day. */
export const NAV_MAIN: NavEntry[] = [
  { key: 'dashboard', to: '/', icon: 'i-lucide-layout-dashboard', permission: 'dashboard:view' },
  { key: 'leads', to: '/leads', icon: 'i-lucide-users', permission: 'leads:read' },
  { key: 'pipeline', to: '/pipeline', icon: 'i-lucide-kanban', permission: 'leads:read' },
  { key: 'followUps', to: '/follow-ups', icon: 'i-lucide-phone-call', permission: 'activities:write' },
  { key: 'calendar', to: '/calendar', icon: 'i-lucide-calendar-days', permission: 'calendar:view' },
  { key: 'todos', to: '/todo', icon: 'i-lucide-list-checks', permission: 'todos:use' },
  { key: 'reports', to: '/reports', icon: 'i-lucide-chart-column', permission: 'reports:view' },
  { key: 'whatsapp', to: '/whatsapp', icon: 'i-lucide-message-circle', permission: 'whatsapp:use' },
  { key: 'news', to: '/news', icon: 'i-lucide-newspaper', permission: 'news:read' },
]

export const NAV_ADMIN: NavEntry[] = [
  { key: 'team', to: '/team', icon: 'i-lucide-user-cog', permission: 'users:read' },
  { key: 'settings', to: '/settings', icon: 'i-lucide-settings', permission: 'pipeline:configure' },
]

export function useNavigation() {
  const { t } = useI18n()
  const { can } = useCan()
  const toItems = (entries: NavEntry[]): NavItem[] => entries
    .filter(e => can(e.permission))
    .map(e => ({ label: t(`nav.${e.key}`), icon: e.icon, to: e.to, exact: e.to === '/' }))
  return {
    main: computed(() => toItems(NAV_MAIN)),
    admin: computed(() => toItems(NAV_ADMIN)),
  }
}

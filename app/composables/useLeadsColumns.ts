/**
 * Every column of the leads table, in its default order: what the day's work turns on first (stage, follow-up),
 * then who and what, then where from. All but the WhatsApp number sort on the server.
 */
export const LEAD_COLUMN_IDS = [
  'studentName', 'whatsapp', 'stage', 'followUpStatus', 'nextFollowUpAt', 'assignedTo', 'program', 'expectedValue',
  'channel', 'school', 'grade', 'parentName', 'city', 'lastActivityAt', 'createdAt', 'updatedAt',
] as const
export type LeadColumnId = typeof LEAD_COLUMN_IDS[number]

const HIDDEN_BY_DEFAULT: LeadColumnId[] = ['parentName', 'city', 'lastActivityAt', 'updatedAt']
/** The name is how a row is recognised and opened: always shown, always first (pinned on narrow screens). */
export const LOCKED_COLUMNS: LeadColumnId[] = ['studentName']

interface ColumnPrefs { order: LeadColumnId[], hidden: LeadColumnId[] }

const isColumn = (id: unknown): id is LeadColumnId => (LEAD_COLUMN_IDS as readonly unknown[]).includes(id)

/** Whatever the cookie holds (an older column set, a hand-edited value) becomes a complete, valid layout. */
function sanitize(raw: unknown): ColumnPrefs {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof ColumnPrefs, unknown>>
  const order = Array.isArray(value.order) ? [...new Set(value.order.filter(isColumn))].filter(id => !LOCKED_COLUMNS.includes(id)) : []
  for (const id of LEAD_COLUMN_IDS) if (!order.includes(id) && !LOCKED_COLUMNS.includes(id)) order.push(id)
  order.unshift(...LOCKED_COLUMNS)
  const hidden = Array.isArray(value.hidden) ? value.hidden.filter(isColumn) : HIDDEN_BY_DEFAULT
  return { order, hidden: hidden.filter(id => !LOCKED_COLUMNS.includes(id)) }
}

/**
 * Which columns a user shows, and in what order, remembered per user in this browser. A cookie rather than
 * localStorage: the server renders the table with the user's own columns, so nothing jumps after hydration.
 * (Moves to the user_preferences table once it has an endpoint.)
 */
export function useLeadsColumnPrefs() {
  const { data } = useAuth()
  const cookie = useCookie<unknown>(`crm-leads-columns-${data.value?.id ?? 'anon'}`, { maxAge: 60 * 60 * 24 * 365, sameSite: 'lax', default: () => null })
  const prefs = computed(() => sanitize(cookie.value))

  const order = computed(() => prefs.value.order)
  const visibility = computed<Record<string, boolean>>(() => Object.fromEntries(LEAD_COLUMN_IDS.map(id => [id, !prefs.value.hidden.includes(id)])))

  function save(next: ColumnPrefs) {
    cookie.value = sanitize(next)
  }
  function setVisible(id: LeadColumnId, visible: boolean) {
    const hidden = prefs.value.hidden.filter(h => h !== id)
    save({ order: order.value, hidden: visible ? hidden : [...hidden, id] })
  }
  function move(id: LeadColumnId, delta: -1 | 1) {
    const next = [...order.value]
    const from = next.indexOf(id)
    const to = from + delta
    if (from < 0 || to < LOCKED_COLUMNS.length || to >= next.length || LOCKED_COLUMNS.includes(id)) return
    next.splice(to, 0, ...next.splice(from, 1))
    save({ order: next, hidden: prefs.value.hidden })
  }
  function reset() {
    cookie.value = null
  }
  return { order, visibility, setVisible, move, reset }
}

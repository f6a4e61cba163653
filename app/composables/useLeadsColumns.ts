import type { PreferenceDto } from '#shared/types/preferences'

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

/** Whatever is stored (an older column set, a hand-edited value) becomes a complete, valid layout. */
function sanitize(raw: unknown): ColumnPrefs {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof ColumnPrefs, unknown>>
  const order = Array.isArray(value.order) ? [...new Set(value.order.filter(isColumn))].filter(id => !LOCKED_COLUMNS.includes(id)) : []
  for (const id of LEAD_COLUMN_IDS) if (!order.includes(id) && !LOCKED_COLUMNS.includes(id)) order.push(id)
  order.unshift(...LOCKED_COLUMNS)
  const hidden = Array.isArray(value.hidden) ? value.hidden.filter(isColumn) : HIDDEN_BY_DEFAULT
  return { order, hidden: hidden.filter(id => !LOCKED_COLUMNS.includes(id)) }
}

const PREF_KEY = 'leads.columns'
/** How long after the last change the layout is sent to the server. */
const SAVE_DELAY_MS = 400

/** The stored layout carries when it was chosen (`at`, ms), so the newer of cookie and server copy wins. */
type StoredPrefs = Record<string, unknown>
const stampOf = (raw: StoredPrefs | null | undefined) => (typeof raw?.at === 'number' ? raw.at : 0)

/**
 * The user's layout in this app instance, seeded from a per-user cookie: the server copy (user_preferences) is
 * what follows the user to another browser; the cookie keeps a change made just before a reload, until the
 * debounced save has reached the server.
 */
function useColumnsState() {
  const { data } = useAuth()
  const userId = data.value?.id ?? 'anon'
  const cookie = useCookie<StoredPrefs | null>(`crm-leads-columns-${userId}`, { maxAge: 60 * 60 * 24 * 365, sameSite: 'lax', default: () => null })
  const stored = useState<StoredPrefs | null>(`leads-columns-${userId}`, () => cookie.value ?? null)
  return { userId, cookie, stored }
}

// One pending save for the whole app: the latest layout wins, sent after a pause or when the page goes away.
let pending: StoredPrefs | undefined
let timer: ReturnType<typeof setTimeout> | undefined
let listening = false

function flushSave(keepalive = false) {
  clearTimeout(timer)
  timer = undefined
  const value = pending
  pending = undefined
  if (!value) return
  // A failed save is not lost: the cookie keeps the layout and the next page load sends it again.
  $fetch(`/api/me/preferences/${PREF_KEY}`, { method: 'PUT', body: { value }, keepalive }).catch(() => {})
}

function scheduleSave(value: StoredPrefs) {
  if (import.meta.server) return
  pending = value
  clearTimeout(timer)
  timer = setTimeout(flushSave, SAVE_DELAY_MS)
  if (!listening) {
    listening = true
    window.addEventListener('pagehide', () => flushSave(true))
  }
}

/**
 * For the page's setup: fetch the user's layout from the server (during SSR too), so the table's first paint
 * already has the user's columns. A newer layout in this browser's cookie wins and is sent on.
 */
export async function loadLeadsColumnPrefs(): Promise<void> {
  const { userId, stored } = useColumnsState()
  const { data } = await useFetch<PreferenceDto>(`/api/me/preferences/${PREF_KEY}`, { key: `pref-${PREF_KEY}-${userId}` })
  const server = data.value?.value ?? null
  if (server && stampOf(server) >= stampOf(stored.value)) stored.value = server
  // Newer here than there (a save cut short by a reload), or never saved there (an older cookie-only layout).
  else if (stored.value) scheduleSave(stored.value)
}

/** Which columns a user shows, and in what order: remembered per user, on the server (see loadLeadsColumnPrefs). */
export function useLeadsColumnPrefs() {
  const { cookie, stored } = useColumnsState()
  const prefs = computed(() => sanitize(stored.value))

  const order = computed(() => prefs.value.order)
  const visibility = computed<Record<string, boolean>>(() => Object.fromEntries(LEAD_COLUMN_IDS.map(id => [id, !prefs.value.hidden.includes(id)])))

  /** `null` is the default layout: stored as such (no order, no hidden list), so a reset follows the user too. */
  function save(next: ColumnPrefs | null) {
    const value: StoredPrefs = { ...(next ? sanitize(next) : {}), at: Date.now() }
    stored.value = value
    cookie.value = value
    scheduleSave(value)
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
    save(null)
  }
  return { order, visibility, setVisible, move, reset }
}

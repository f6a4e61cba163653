import { useNow } from '@vueuse/core'
import type { NotificationDto, NotificationListDto, NotificationReadDto, NotificationStreamEvent } from '#shared/types/notifications'

/** How many notifications the bell's slideover shows, and the polling period when the live stream is down. */
export const BELL_LATEST = 8
const POLL_MS = 30_000
/** The bell remounts with every page (it lives in each page's navbar): keep the stream across the switch. */
const RELEASE_MS = 3_000

const ICONS: Record<string, string> = {
  follow_up_due: 'i-lucide-phone-call',
  todo_due: 'i-lucide-list-checks',
  lead_assigned: 'i-lucide-user-plus',
  lead_changed: 'i-lucide-pencil-line',
  whatsapp_message: 'i-lucide-message-circle',
}

export const notificationIcon = (type: string) => ICONS[type] ?? 'i-lucide-bell'

// The live connection of this browser tab: client-only, outside Vue's state.
let source: EventSource | null = null
let pollTimer: ReturnType<typeof setInterval> | undefined
let releaseTimer: ReturnType<typeof setTimeout> | undefined
let holders = 0

/**
 * The signed-in user's notifications, shared by the bell and the notifications page: the unread count (kept live
 * through server-sent events, with polling every 30 s as the fallback), the latest few, and marking them read.
 */
export function useNotifications() {
  const unread = useState<number>('notifications:unread', () => 0)
  const latest = useState<NotificationDto[]>('notifications:latest', () => [])
  const loaded = useState<boolean>('notifications:loaded', () => false)
  /** How the count stays fresh right now, for the UI and the tests: 'live' (stream), 'polling' or 'off'. */
  const mode = useState<'off' | 'live' | 'polling'>('notifications:mode', () => 'off')

  function setLatest(page: NotificationListDto) {
    latest.value = page.items
    unread.value = page.unread
    loaded.value = true
  }

  async function refresh(fetcher: typeof $fetch = $fetch) {
    setLatest(await fetcher<NotificationListDto>('/api/notifications', { query: { limit: BELL_LATEST } }))
  }

  let refreshing: Promise<void> | null = null
  function refreshSoon() {
    refreshing ??= refresh().catch(() => {}).finally(() => {
      refreshing = null
    })
    return refreshing
  }

  function applyCount(count: number) {
    if (count === unread.value) return
    unread.value = count
    // A count that moved means the latest list did too.
    void refreshSoon()
  }

  function stopPolling() {
    clearInterval(pollTimer)
    pollTimer = undefined
  }

  function disconnect() {
    source?.close()
    source = null
    stopPolling()
    mode.value = 'off'
  }

  async function poll() {
    try {
      await refresh()
      // The stream may be reachable again.
      if (!source) connect()
    }
    catch (error) {
      if ((error as { statusCode?: number }).statusCode === 401) disconnect()
    }
  }

  function startPolling() {
    if (pollTimer) return
    mode.value = 'polling'
    pollTimer = setInterval(poll, POLL_MS)
  }

  function connect() {
    if (source || import.meta.server) return
    if (typeof EventSource === 'undefined') return startPolling()
    const es = new EventSource('/api/notifications/stream')
    source = es
    es.addEventListener('unread', (event) => {
      stopPolling()
      mode.value = 'live'
      applyCount((JSON.parse((event as MessageEvent<string>).data) as NotificationStreamEvent).unread)
    })
    es.onerror = () => {
      // CONNECTING: the browser retries by itself; CLOSED (an error status, e.g. the session ended): it gave up.
      if (es.readyState === EventSource.CLOSED && source === es) source = null
      startPolling()
    }
  }

  /** The bell holds the connection while it is mounted. */
  function hold() {
    if (import.meta.server) return
    holders += 1
    clearTimeout(releaseTimer)
    connect()
  }

  function release() {
    holders = Math.max(0, holders - 1)
    if (holders) return
    clearTimeout(releaseTimer)
    releaseTimer = setTimeout(() => {
      if (!holders) disconnect()
    }, RELEASE_MS)
  }

  function markedLocally(ids: number[] | 'all') {
    const now = new Date().toISOString()
    latest.value = latest.value.map(n => (!n.readAt && (ids === 'all' || ids.includes(n.id)) ? { ...n, readAt: now } : n))
  }

  async function markRead(ids: number[]): Promise<NotificationReadDto> {
    const res = await $fetch<NotificationReadDto>('/api/notifications/read', { method: 'POST', body: { ids } })
    markedLocally(ids)
    unread.value = res.unread
    return res
  }

  async function markAllRead(): Promise<NotificationReadDto> {
    const res = await $fetch<NotificationReadDto>('/api/notifications/read', { method: 'POST', body: { all: true } })
    markedLocally('all')
    unread.value = res.unread
    return res
  }

  return { unread, latest, loaded, mode, setLatest, refresh, hold, release, markRead, markAllRead }
}

/** "5 menit yang lalu" / "5 minutes ago", refreshed every minute. */
export function useRelativeTime() {
  const { t, locale } = useI18n()
  const now = useNow({ interval: 60_000 })
  return (iso: string) => {
    const seconds = Math.round((new Date(iso).getTime() - now.value.getTime()) / 1000)
    if (Math.abs(seconds) < 45) return t('notifications.justNow')
    const rtf = new Intl.RelativeTimeFormat(locale.value === 'en' ? 'en' : 'id', { numeric: 'auto' })
    const units: [Intl.RelativeTimeFormatUnit, number][] = [['year', 31_536_000], ['month', 2_592_000], ['week', 604_800], ['day', 86_400], ['hour', 3_600], ['minute', 60]]
    for (const [unit, size] of units) {
      if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit)
    }
    return rtf.format(seconds, 'second')
  }
}

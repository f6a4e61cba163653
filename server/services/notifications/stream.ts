import { sql } from 'drizzle-orm'
import type { DbOrTx } from '../../utils/db'
import { unreadCount } from './inbox'
import { onNotification } from './live'

/**
 * The live bell's server side: every open stream (one per browser tab) of this process, and the two ways a new
 * unread count reaches it:
 * - at once, when notify() in this process signals the user (debounced, so the insert's transaction has committed);
 * - from one periodic query for all connected users, which also sees notifications written by other processes and
 *   closes the streams whose session has ended (logout, expiry, deactivation).
 */

export const POLL_MS = 5_000
export const DEBOUNCE_MS = 150
/** A comment line now and then keeps proxies from closing an idle connection. */
export const HEARTBEAT_MS = 20_000

export interface Subscriber {
  userId: number
  sessionId: string
  send: (unread: number) => void
  heartbeat: () => void
  close: () => void
}

interface Entry { sub: Subscriber, last: number | null }

const entries = new Set<Entry>()
const byUser = new Map<number, { entries: Set<Entry>, stop: () => void, timer?: ReturnType<typeof setTimeout> }>()
let poller: ReturnType<typeof setInterval> | undefined
let heartbeat: ReturnType<typeof setInterval> | undefined
let database: DbOrTx | undefined

function deliver(entry: Entry, unread: number, force = false) {
  if (!force && entry.last === unread) return
  entry.last = unread
  entry.sub.send(unread)
}

function signalled(userId: number) {
  const group = byUser.get(userId)
  if (!group) return
  clearTimeout(group.timer)
  group.timer = setTimeout(async () => {
    if (!database || !byUser.has(userId)) return
    try {
      const unread = await unreadCount(database, userId)
      for (const entry of byUser.get(userId)?.entries ?? []) deliver(entry, unread, true)
    }
    catch (error) {
      console.error('[notifications] live count failed', error)
    }
  }, DEBOUNCE_MS)
}

/**
 * One query for every connected stream of this process: which sessions are still alive and, for their users,
 * the unread count (GROUP BY user_id over the connected ids, on the (user_id, read_at, ...) index).
 */
export async function pollConnected(db: DbOrTx): Promise<void> {
  if (!entries.size) return
  const sessionIds = [...new Set([...entries].map(e => e.sub.sessionId))]
  const userIds = [...byUser.keys()]
  const [rows] = await db.execute(sql`
    SELECT s.id AS sessionId, COALESCE(c.n, 0) AS unread
    FROM sessions s
    JOIN users u ON u.id = s.user_id AND u.active = 1
    LEFT JOIN (
      SELECT user_id, COUNT(*) AS n FROM notifications
      WHERE read_at IS NULL AND user_id IN (${sql.join(userIds.map(id => sql`${id}`), sql`, `)})
      GROUP BY user_id
    ) c ON c.user_id = s.user_id
    WHERE s.id IN (${sql.join(sessionIds.map(id => sql`${id}`), sql`, `)}) AND s.expires_at > UTC_TIMESTAMP(3)
  `) as unknown as [{ sessionId: string, unread: number | string }[]]
  const alive = new Map(rows.map(r => [r.sessionId, Number(r.unread)]))
  for (const entry of [...entries]) {
    const unread = alive.get(entry.sub.sessionId)
    if (unread === undefined) entry.sub.close()
    else deliver(entry, unread)
  }
}

function startTimers() {
  poller = setInterval(() => {
    if (database) pollConnected(database).catch(error => console.error('[notifications] poll failed', error))
  }, POLL_MS)
  heartbeat = setInterval(() => {
    for (const entry of entries) entry.sub.heartbeat()
  }, HEARTBEAT_MS)
  poller.unref?.()
  heartbeat.unref?.()
}

function stopTimers() {
  clearInterval(poller)
  clearInterval(heartbeat)
  poller = heartbeat = undefined
}

/** Register an open stream; it gets the current count at once. Returns the function that unregisters it. */
export async function subscribe(db: DbOrTx, sub: Subscriber): Promise<() => void> {
  database = db
  const entry: Entry = { sub, last: null }
  entries.add(entry)
  let group = byUser.get(sub.userId)
  if (!group) {
    group = { entries: new Set(), stop: onNotification(sub.userId, () => signalled(sub.userId)) }
    byUser.set(sub.userId, group)
  }
  group.entries.add(entry)
  if (!poller) startTimers()

  let done = false
  const unsubscribe = () => {
    if (done) return
    done = true
    entries.delete(entry)
    const g = byUser.get(sub.userId)
    g?.entries.delete(entry)
    if (g && !g.entries.size) {
      g.stop()
      clearTimeout(g.timer)
      byUser.delete(sub.userId)
    }
    if (!entries.size) stopTimers()
  }
  try {
    deliver(entry, await unreadCount(db, sub.userId), true)
  }
  catch (error) {
    unsubscribe()
    throw error
  }
  return unsubscribe
}

/** How many streams this process holds (for tests and health). */
export function connectedStreams(): number {
  return entries.size
}

import { baseURL } from './http'

export interface SseEvent { event: string, data: string }

/**
 * A server-sent-events client for tests: connects with the `auth.token` cookie (what EventSource sends), collects
 * events and comments, and waits for one that matches.
 */
export async function openStream(path: string, token: string) {
  const controller = new AbortController()
  const res = await fetch(new URL(path, baseURL()), { headers: { cookie: `auth.token=${encodeURIComponent(token)}`, accept: 'text/event-stream' }, signal: controller.signal })
  const events: SseEvent[] = []
  const comments: string[] = []
  let ended = false
  const waiters = new Set<() => void>()
  const wake = () => {
    for (const w of waiters) w()
  }
  const reading = (async () => {
    if (!res.body) return
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true })
        let cut: number
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut)
          buffer = buffer.slice(cut + 2)
          let event = 'message'
          const data: string[] = []
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim())
            else if (line.startsWith('event:')) event = line.slice(6).trim()
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''))
          }
          if (data.length) events.push({ event, data: data.join('\n') })
        }
        wake()
      }
    }
    catch { /* aborted */ }
    ended = true
    wake()
  })()

  /** The first event after `from` (an index into events) that matches, or a rejection after `timeout` ms. */
  async function next(match: (e: SseEvent) => boolean, opts: { from?: number, timeout?: number } = {}): Promise<SseEvent & { ms: number }> {
    const started = Date.now()
    const from = opts.from ?? 0
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = events.slice(from).find(match)
        if (found) {
          waiters.delete(check)
          clearTimeout(timer)
          resolve({ ...found, ms: Date.now() - started })
        }
        else if (ended) {
          waiters.delete(check)
          clearTimeout(timer)
          reject(new Error(`stream ended; events: ${JSON.stringify(events)}`))
        }
      }
      const timer = setTimeout(() => {
        waiters.delete(check)
        reject(new Error(`no matching event within ${opts.timeout ?? 3000} ms; events: ${JSON.stringify(events)}`))
      }, opts.timeout ?? 3000)
      waiters.add(check)
      check()
    })
  }

  /** Resolves when the server ends the stream, or rejects after `timeout` ms. */
  async function closed(timeout = 3000): Promise<void> {
    await Promise.race([reading, new Promise((_, reject) => setTimeout(() => reject(new Error('stream still open')), timeout))])
  }

  return {
    res,
    events,
    comments,
    next,
    closed,
    get ended() {
      return ended
    },
    close: () => controller.abort(),
  }
}

/** `{ unread: n }` from an event's data. */
export const unreadOf = (e: SseEvent) => (JSON.parse(e.data) as { unread: number }).unread

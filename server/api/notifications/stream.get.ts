import { createEventStream, setResponseHeader } from 'h3'
import type { NotificationStreamEvent } from '#shared/types/notifications'
import { subscribe } from '../../services/notifications/stream'

/**
 * Server-sent events for the bell: `{ unread }` at connect and whenever the count may have changed. EventSource
 * sends the `auth.token` cookie, which requireUser accepts; the stream closes when the client goes or the
 * session ends.
 */
export default defineEventHandler(async (event) => {
  const user = await requireUser(event)
  const stream = createEventStream(event)
  setResponseHeader(event, 'X-Accel-Buffering', 'no')
  let closed = false
  const unsubscribe = await subscribe(useDb(), {
    userId: user.id,
    sessionId: user.sessionId,
    send: (unread) => {
      const data: NotificationStreamEvent = { unread }
      void stream.push({ event: 'unread', data: JSON.stringify(data) })
    },
    heartbeat: () => void pushComment(stream, 'ping'),
    close: () => void stream.close(),
  })
  stream.onClosed(() => {
    if (closed) return
    closed = true
    unsubscribe()
  })
  // Ask the browser to come back soon after a dropped connection.
  void pushComment(stream, 'connected', 2000)
  return stream.send()
})

type EventStream = ReturnType<typeof createEventStream>

/**
 * An SSE comment line (`: ping`), which EventSource ignores. h3 1.x's EventStream only pushes events, so this
 * writes to its writer; if that ever changes, a harmless `ping` event is sent instead.
 */
async function pushComment(stream: EventStream, text: string, retry?: number): Promise<void> {
  const writer = stream as unknown as { _writer?: WritableStreamDefaultWriter<Uint8Array>, _writerIsClosed?: boolean }
  const line = `${retry ? `retry: ${retry}\n` : ''}: ${text}\n\n`
  if (writer._writer && typeof writer._writer.write === 'function') {
    if (writer._writerIsClosed) return
    await writer._writer.write(new TextEncoder().encode(line)).catch(() => {})
  }
  else {
    await stream.push({ event: 'ping', data: text })
  }
}

import { EventEmitter } from 'node:events'

/**
 * In-process signal that a user's notifications changed, for the live bell (server-sent events).
 * Other processes' notifications reach the stream through its periodic check of the database.
 */
const bus = new EventEmitter()
bus.setMaxListeners(0)

export function publishNotification(userIds: number[]): void {
  for (const id of new Set(userIds)) bus.emit(`user:${id}`)
}

export function onNotification(userId: number, listener: () => void): () => void {
  bus.on(`user:${userId}`, listener)
  return () => bus.off(`user:${userId}`, listener)
}

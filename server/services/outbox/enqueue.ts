import { outbox } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import type { EmailContent } from '../notifications/email'

export interface EmailPayload extends EmailContent {
  to: string
}

export interface EmailToQueue {
  /** Idempotency key: a second enqueue of the same key is a no-op, so a retried run never sends twice. */
  key: string
  kind: string
  userId: number | null
  to: string
  content: EmailContent
  notBefore?: Date
}

/** Queue e-mails in the caller's transaction (one statement). */
export async function enqueueEmails(db: DbOrTx, items: EmailToQueue[]): Promise<void> {
  if (!items.length) return
  await db.insert(outbox).ignore().values(items.map((item) => {
    const payload: EmailPayload = { to: item.to, ...item.content }
    return {
      channel: 'email' as const,
      kind: item.kind,
      userId: item.userId,
      idempotencyKey: item.key.slice(0, 191),
      recipient: item.to,
      payload,
      nextAttemptAt: item.notBefore ?? new Date(),
    }
  }))
}

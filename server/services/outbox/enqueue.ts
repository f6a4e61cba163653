import { outbox } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import type { EmailContent } from '../notifications/email'

export interface EmailPayload extends EmailContent {
  to: string
}

/**
 * Queue an e-mail in the caller's transaction. The idempotency key makes a second enqueue of the
 * same message a no-op, so a retried scheduler run never sends twice.
 */
export async function enqueueEmail(db: DbOrTx, input: { key: string, kind: string, userId: number | null, to: string, content: EmailContent, notBefore?: Date }): Promise<void> {
  const payload: EmailPayload = { to: input.to, ...input.content }
  await db.insert(outbox).ignore().values({
    channel: 'email',
    kind: input.kind,
    userId: input.userId,
    idempotencyKey: input.key.slice(0, 191),
    recipient: input.to,
    payload,
    nextAttemptAt: input.notBefore ?? new Date(),
  })
}

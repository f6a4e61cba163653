import { outboxRetrySchema } from '#shared/schemas/outbox'
import { retryOutbox } from '../../services/outbox'

/** Send failed deliveries again: `{ ids }` or `{ all: true }`. */
export default defineEventHandler(async (event): Promise<{ retried: number }> => {
  const user = await requireUser(event, 'settings:manage')
  const input = await readInput(event, outboxRetrySchema)
  return retryOutbox(useDb(), user, input, requestMeta(event))
})

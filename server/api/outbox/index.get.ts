import { outboxQuerySchema, type OutboxList } from '#shared/schemas/outbox'
import { listOutbox } from '../../services/outbox'

/** Deliveries by state, for the Owner's Settings > Deliveries page. */
export default defineEventHandler(async (event): Promise<OutboxList> => {
  await requireUser(event, 'settings:manage')
  return listOutbox(useDb(), queryInput(event, outboxQuerySchema))
})

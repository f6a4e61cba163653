import { unmappedQuerySchema } from '#shared/schemas/channels'
import type { UnmappedUtmList } from '#shared/types/channels'
import { listUnmapped } from '../../../services/channels/unmapped'

export default defineEventHandler(async (event): Promise<UnmappedUtmList> => {
  await requireUser(event, 'pipeline:configure')
  const { limit } = queryInput(event, unmappedQuerySchema)
  return listUnmapped(useDb(), limit)
})

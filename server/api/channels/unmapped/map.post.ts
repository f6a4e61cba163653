import { unmappedMapSchema } from '#shared/schemas/channels'
import type { UtmMapResult } from '#shared/types/channels'
import { mapUnmapped } from '../../../services/channels/unmapped'

export default defineEventHandler(async (event): Promise<UtmMapResult> => {
  const actor = await requireUser(event, 'pipeline:configure')
  const input = await readInput(event, unmappedMapSchema)
  const result = await mapUnmapped(useDb(), actor, input, requestMeta(event))
  if (!result) throw notFound('Channel tidak ditemukan.')
  return result
})

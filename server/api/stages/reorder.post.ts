import { stageReorderSchema } from '#shared/schemas/pipeline'
import type { StageDto } from '#shared/types/pipeline'
import { reorderStages } from '../../services/pipeline/reorder'

export default defineEventHandler(async (event): Promise<StageDto[]> => {
  const actor = await requireUser(event, 'pipeline:configure')
  const { ids } = await readInput(event, stageReorderSchema)
  return reorderStages(useDb(), actor, ids, requestMeta(event))
})

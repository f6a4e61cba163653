import { stageCreateSchema } from '#shared/schemas/pipeline'
import type { StageDto } from '#shared/types/pipeline'
import { createStage } from '../../services/pipeline/stages'

export default defineEventHandler(async (event): Promise<StageDto> => {
  const actor = await requireUser(event, 'pipeline:configure')
  const input = await readInput(event, stageCreateSchema)
  const stage = await createStage(useDb(), actor, input, requestMeta(event))
  setResponseStatus(event, 201)
  return stage
})

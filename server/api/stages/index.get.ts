import { stageListQuerySchema } from '#shared/schemas/pipeline'
import type { StageDto } from '#shared/types/pipeline'
import { listStages } from '../../services/pipeline/stages'

/** Every signed-in user: the board and the lead forms need the stages. */
export default defineEventHandler(async (event): Promise<StageDto[]> => {
  await requireUser(event)
  const filter = queryInput(event, stageListQuerySchema)
  return listStages(useDb(), filter)
})

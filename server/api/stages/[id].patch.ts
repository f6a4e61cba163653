import { idParamSchema } from '#shared/schemas/common'
import { stageUpdateSchema } from '#shared/schemas/pipeline'
import type { StageDto } from '#shared/types/pipeline'
import { updateStage } from '../../services/pipeline/stages'

export default defineEventHandler(async (event): Promise<StageDto> => {
  const actor = await requireUser(event, 'pipeline:configure')
  const { id } = paramsInput(event, idParamSchema)
  const input = await readInput(event, stageUpdateSchema)
  const stage = await updateStage(useDb(), actor, id, input, requestMeta(event))
  if (!stage) throw notFound('Tahap tidak ditemukan.')
  return stage
})

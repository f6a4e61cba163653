import { pipelineSettingsSchema } from '#shared/schemas/pipeline-move'
import type { PipelineSettings } from '#shared/types/board'
import { updatePipelineSettings } from '../../services/pipeline/settings'

export default defineEventHandler(async (event): Promise<PipelineSettings> => {
  const user = await requireUser(event, 'pipeline:configure')
  const input = await readInput(event, pipelineSettingsSchema)
  return updatePipelineSettings(useDb(), user, input, requestMeta(event))
})

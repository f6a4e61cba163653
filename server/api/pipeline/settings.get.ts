import type { PipelineSettings } from '#shared/types/board'
import { getPipelineSettings } from '../../services/pipeline/settings'

export default defineEventHandler(async (event): Promise<PipelineSettings> => {
  await requireUser(event, 'pipeline:configure')
  return getPipelineSettings(useDb())
})

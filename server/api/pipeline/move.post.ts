import { pipelineMoveSchema } from '#shared/schemas/pipeline-move'
import type { PipelineMoveResult } from '#shared/types/board'
import { moveLead } from '../../services/pipeline/move'

export default defineEventHandler(async (event): Promise<PipelineMoveResult> => {
  const user = await requireUser(event, 'leads:update')
  const input = await readInput(event, pipelineMoveSchema)
  return moveLead(useDb(), user, input, requestMeta(event))
})

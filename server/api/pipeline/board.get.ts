import { pipelineBoardQuerySchema } from '#shared/schemas/pipeline-move'
import type { BoardResponse } from '#shared/types/board'
import { getBoard } from '../../services/pipeline/board'

export default defineEventHandler(async (event): Promise<BoardResponse> => {
  const user = await requireUser(event, 'leads:read')
  const query = queryInput(event, pipelineBoardQuerySchema)
  return getBoard(useDb(), user, query)
})

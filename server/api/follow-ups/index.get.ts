import { followUpListQuerySchema } from '#shared/schemas/activities'
import type { FollowUpList } from '#shared/types/activities'
import { listFollowUps } from '../../services/followups/list'

export default defineEventHandler(async (event): Promise<FollowUpList> => {
  const user = await requireUser(event, 'activities:write')
  const query = queryInput(event, followUpListQuerySchema)
  return listFollowUps(useDb(), user, query)
})

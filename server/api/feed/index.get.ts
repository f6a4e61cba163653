import { feedQuerySchema } from '#shared/schemas/notifications'
import type { FeedPageDto } from '#shared/types/notifications'
import { recentFeed } from '../../services/feed'

export default defineEventHandler(async (event): Promise<FeedPageDto> => {
  const user = await requireUser(event, 'leads:read')
  const query = queryInput(event, feedQuerySchema)
  return recentFeed(useDb(), user, query)
})

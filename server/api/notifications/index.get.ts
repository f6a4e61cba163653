import { notificationListQuerySchema } from '#shared/schemas/notifications'
import type { NotificationListDto } from '#shared/types/notifications'
import { listNotifications } from '../../services/notifications/inbox'

export default defineEventHandler(async (event): Promise<NotificationListDto> => {
  const user = await requireUser(event)
  const query = queryInput(event, notificationListQuerySchema)
  return listNotifications(useDb(), user.id, query)
})

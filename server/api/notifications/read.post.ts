import { notificationReadSchema } from '#shared/schemas/notifications'
import type { NotificationReadDto } from '#shared/types/notifications'
import { markRead } from '../../services/notifications/inbox'

export default defineEventHandler(async (event): Promise<NotificationReadDto> => {
  const user = await requireUser(event)
  const input = await readInput(event, notificationReadSchema)
  return markRead(useDb(), user.id, input)
})

import { notificationPrefsSchema } from '#shared/schemas/notifications'
import type { NotificationPrefsDto } from '#shared/types/notifications'
import { setNotificationPrefs } from '../../services/notifications/prefs'

export default defineEventHandler(async (event): Promise<NotificationPrefsDto> => {
  const user = await requireUser(event)
  const input = await readInput(event, notificationPrefsSchema)
  return setNotificationPrefs(useDb(), user, input, requestMeta(event))
})

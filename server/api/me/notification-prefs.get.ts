import type { NotificationPrefsDto } from '#shared/types/notifications'
import { getNotificationPrefs } from '../../services/notifications/prefs'

export default defineEventHandler(async (event): Promise<NotificationPrefsDto> => {
  const user = await requireUser(event)
  return getNotificationPrefs(useDb(), user.id)
})

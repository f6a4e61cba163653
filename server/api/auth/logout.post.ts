import { deleteSession } from '../../services/auth/sessions'
import { logEvent } from '../../services/events'

export default defineEventHandler(async (event): Promise<{ ok: true }> => {
  const user = await getSessionUser(event)
  if (user) {
    await deleteSession(useDb(), user.sessionId)
    await logEvent(useDb(), 'logout', requestMeta(event), { userId: user.id, subject: user.email })
  }
  deleteCookie(event, TOKEN_COOKIE)
  return { ok: true }
})

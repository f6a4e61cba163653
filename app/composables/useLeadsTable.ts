import type { FollowUpStatus } from '#shared/enums/leads'
import { TIME_ZONE } from '#shared/utils/format'

/** Small helpers the leads table and the lead page share. */

export const FOLLOW_UP_COLORS: Record<FollowUpStatus, 'info' | 'primary' | 'warning' | 'secondary' | 'success'> = {
  new: 'info', contacted: 'primary', no_response: 'warning', scheduled: 'secondary', done: 'success',
}

const jakartaDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(d)

/** Where a next follow-up stands against now, by the Jakarta calendar: overdue is highlighted everywhere. */
export function followUpTiming(at: string | null, now = new Date()): 'overdue' | 'today' | 'later' | null {
  if (!at) return null
  const when = new Date(at)
  if (when < now) return 'overdue'
  return jakartaDay(when) === jakartaDay(now) ? 'today' : 'later'
}

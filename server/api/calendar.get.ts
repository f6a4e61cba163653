import { calendarQuerySchema } from '#shared/schemas/calendar'
import type { CalendarResponse } from '#shared/types/calendar'
import { calendarItems } from '../services/calendar'

/** Follow-ups and to-dos between two Jakarta days: `?from=2026-12-01&to=2026-12-31[&user=12|all]`. */
export default defineEventHandler(async (event): Promise<CalendarResponse> => {
  const user = await requireUser(event, 'calendar:view')
  const query = queryInput(event, calendarQuerySchema)
  return calendarItems(useDb(), user, query)
})

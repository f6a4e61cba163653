import { dashboardQuerySchema } from '#shared/schemas/dashboard'
import type { DashboardDto } from '#shared/types/dashboard'
import { currentMonth, dashboardFor } from '../../services/dashboard'

/** The dashboard's cards, series and tables for one Jakarta month: `?month=2026-11` (default: this month). */
export default defineEventHandler(async (event): Promise<DashboardDto> => {
  const user = await requireUser(event, 'dashboard:view')
  const query = queryInput(event, dashboardQuerySchema)
  return dashboardFor(useDb(), user, query.month ?? currentMonth())
})

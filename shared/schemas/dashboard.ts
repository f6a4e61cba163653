import { z } from 'zod'

/** A Jakarta calendar month, 'YYYY-MM'. */
export const monthField = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'Bulan tidak valid (YYYY-MM)' })

/** GET /api/reports/dashboard: `?month=2026-11`, the current Jakarta month when left out. */
export const dashboardQuerySchema = z.object({
  month: monthField.optional(),
})
export type DashboardQuery = z.output<typeof dashboardQuerySchema>

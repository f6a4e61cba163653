import { z } from 'zod'
import { daysBetween } from '../utils/jakarta'

/** A month grid is six weeks; a little more leaves room for an agenda, and keeps every query small. */
export const CALENDAR_MAX_DAYS = 62

const day = z.iso.date({ error: 'Tanggal tidak valid (YYYY-MM-DD)' })

/** Jakarta days, both inclusive; `user` is a user id or `all` (Managers and the Owner only). */
export const calendarQuerySchema = z.object({
  from: day,
  to: day,
  user: z.union([z.literal('all'), z.coerce.number().int().positive()]).optional(),
}).superRefine((v, ctx) => {
  const span = daysBetween(v.from, v.to)
  if (span < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Tanggal akhir sebelum tanggal awal' })
  else if (span >= CALENDAR_MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `Maksimal ${CALENDAR_MAX_DAYS} hari` })
})
export type CalendarQuery = z.output<typeof calendarQuerySchema>

import { z } from 'zod'

/**
 * Per-user UI state kept on the server (user_preferences, saved_views), so it follows the user to any browser.
 * Keys are an allow-list: a preference nobody reads is not stored.
 */
export const PREFERENCE_KEYS = ['leads.columns'] as const
export type PreferenceKey = typeof PREFERENCE_KEYS[number]

/** Pages that have saved views. */
export const VIEW_PAGES = ['leads'] as const
export type ViewPage = typeof VIEW_PAGES[number]

/** The most a stored value (as JSON) may weigh, and how many views one user keeps per page. */
export const PREFERENCE_MAX_BYTES = 8 * 1024
export const VIEW_QUERY_MAX_BYTES = 4 * 1024
export const VIEW_NAME_MAX = 80
export const VIEWS_PER_PAGE_MAX = 50

const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length

export const preferenceKeyParamSchema = z.object({
  key: z.enum(PREFERENCE_KEYS, { error: 'Preferensi tidak dikenal' }),
})

export const preferencePutSchema = z.object({
  value: z.record(z.string(), z.unknown(), { error: 'Harus berupa objek JSON' })
    .refine(v => jsonBytes(v) <= PREFERENCE_MAX_BYTES, `Maksimal ${PREFERENCE_MAX_BYTES / 1024} KB`),
})
export type PreferencePut = z.output<typeof preferencePutSchema>

export const viewPageSchema = z.enum(VIEW_PAGES, { error: 'Halaman tidak dikenal' })

export const viewListQuerySchema = z.object({ page: viewPageSchema })

/** A view is the URL query of the page it belongs to: flat string parameters. */
export const viewQuerySchema = z.record(z.string().min(1).max(40), z.string().max(1000))
  .refine(q => jsonBytes(q) <= VIEW_QUERY_MAX_BYTES, `Maksimal ${VIEW_QUERY_MAX_BYTES / 1024} KB`)

export const viewCreateSchema = z.object({
  page: viewPageSchema,
  name: z.string().trim().min(1, 'Nama wajib diisi').max(VIEW_NAME_MAX, `Maksimal ${VIEW_NAME_MAX} karakter`),
  query: viewQuerySchema,
})
export type ViewCreate = z.output<typeof viewCreateSchema>

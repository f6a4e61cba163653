import type { ViewPage } from '../schemas/preferences'

/** GET/PUT /api/me/preferences/:key: the stored value, null while the user has none. */
export interface PreferenceDto {
  value: Record<string, unknown> | null
}

/** A saved view as the API sends it (GET/POST /api/me/views). */
export interface SavedViewDto {
  id: number
  page: ViewPage
  name: string
  query: Record<string, string>
  createdAt: string
}

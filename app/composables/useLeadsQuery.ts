import type { LocationQuery } from 'vue-router'
import { leadListQuerySchema } from '#shared/schemas/leads'
import type { LeadListQuery } from '#shared/schemas/leads'

/**
 * The whole state of the leads table lives in the URL, in exactly the parameters `GET /api/leads` takes
 * (lists comma-separated), so a copied link reproduces the view and the API query is the URL query.
 */
export type LeadFilterKey = Exclude<keyof LeadListQuery, 'page' | 'pageSize' | 'sort' | 'dir'>

export const LEAD_FILTER_KEYS: LeadFilterKey[] = [
  'q', 'stage', 'followUp', 'channel', 'sourceType', 'assignee', 'program', 'school', 'grade', 'createdFrom', 'createdTo', 'next',
]
export const LEAD_DEFAULTS = { page: 1, pageSize: 25, sort: 'createdAt', dir: 'desc' } as const satisfies Partial<LeadListQuery>

const shape = leadListQuerySchema.shape

/** Read the URL leniently: a parameter that does not parse is dropped, the rest of the view still applies. */
export function parseLeadQuery(query: LocationQuery): LeadListQuery {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    const raw = query[key]
    const value = Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : raw ?? undefined
    const parsed = shape[key].safeParse(value === null ? undefined : value)
    if (parsed.success && parsed.data !== undefined) out[key] = parsed.data
  }
  for (const [key, value] of Object.entries(LEAD_DEFAULTS)) out[key] ??= value
  if (out.createdFrom && out.createdTo && (out.createdFrom as string) > (out.createdTo as string)) delete out.createdTo
  return out as LeadListQuery
}

/** The state back to query parameters: defaults and empty filters left out, lists joined with commas. */
export function toLeadQuery(state: Partial<LeadListQuery>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(state)) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) {
      if (value.length) out[key] = value.join(',')
      continue
    }
    if (LEAD_DEFAULTS[key as keyof typeof LEAD_DEFAULTS] === value) continue
    out[key] = String(value)
  }
  return out
}

export function countActiveFilters(state: Partial<LeadListQuery>): number {
  return LEAD_FILTER_KEYS.filter(k => k !== 'q' && k !== 'createdTo' && hasValue(state[k])).length
    + (!state.createdFrom && hasValue(state.createdTo) ? 1 : 0)
}

const hasValue = (v: unknown) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null && v !== '')

export function useLeadsQuery() {
  const route = useRoute()
  const router = useRouter()

  const state = computed(() => parseLeadQuery(route.query))
  /** What the API gets: the same parameters the URL carries. */
  const apiQuery = computed(() => toLeadQuery(state.value))
  const filterCount = computed(() => countActiveFilters(state.value))
  const filtered = computed(() => filterCount.value > 0 || !!state.value.q)

  /** Change part of the view. Any change but paging starts again from page 1. */
  function update(patch: Partial<LeadListQuery>) {
    const paging = Object.keys(patch).every(k => k === 'page')
    const next = { ...state.value, ...patch, ...(paging ? {} : { page: 1 }) }
    return router.replace({ query: toLeadQuery(next) })
  }

  function resetFilters() {
    const { sort, dir, pageSize } = state.value
    return router.replace({ query: toLeadQuery({ sort, dir, pageSize }) })
  }

  return { state, apiQuery, filterCount, filtered, update, resetFilters }
}

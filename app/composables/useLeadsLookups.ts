import { STAGE_COLORS, type StageColor } from '#shared/enums/catalog'
import type { LookupStage, Lookups } from '#shared/types/lookups'

const EMPTY: Lookups = { stages: [], channels: [], programs: [], assignees: [] }

/** Grades as the schools name them; the form also takes any other value. */
export const LEAD_GRADES = ['SD 1', 'SD 2', 'SD 3', 'SD 4', 'SD 5', 'SD 6', 'SMP 7', 'SMP 8', 'SMP 9', 'SMA 10', 'SMA 11', 'SMA 12', 'Alumni']

export type BadgeColor = StageColor
/** A stage's stored colour (pipeline_stages.color) as a badge colour; anything unknown is neutral. */
export function stageColor(stage: Pick<LookupStage, 'color'> | undefined): BadgeColor {
  return (STAGE_COLORS as readonly string[]).includes(stage?.color ?? '') ? stage!.color as BadgeColor : 'neutral'
}

/**
 * Stages, channels, programs and assignees (GET /api/lookups), fetched once and shared by the table, its
 * filters, the form and the detail page through one cache key.
 */
export function useLeadsLookups() {
  const { data, status } = useFetch<Lookups>('/api/lookups', {
    key: 'lead-lookups',
    default: () => EMPTY,
    // Reference lists change rarely: reuse what this page load already has instead of asking again.
    getCachedData: (key, nuxtApp) => nuxtApp.payload.data[key] ?? nuxtApp.static.data[key],
  })
  const lookups = computed(() => data.value ?? EMPTY)
  const stageById = computed(() => new Map(lookups.value.stages.map(s => [s.id, s])))
  const programById = computed(() => new Map(lookups.value.programs.map(p => [p.id, p])))
  return { lookups, status, stageById, programById }
}

import { SOURCE_TYPES } from '#shared/enums/catalog'
import { FOLLOW_UP_STATUSES } from '#shared/enums/leads'
import { NEXT_FOLLOW_UP_FILTERS } from '#shared/schemas/leads'
import type { LeadListQuery } from '#shared/schemas/leads'
import { LEAD_GRADES, useLeadsLookups } from './useLeadsLookups'

/** The filters chosen from a list (all but text, school and dates). */
export type LeadListFilter = 'stage' | 'followUp' | 'channel' | 'sourceType' | 'assignee' | 'program' | 'grade' | 'next'
export interface FilterOption { label: string, value: string | number }

/** The choices of every list filter, labelled in the user's language, for the filter bar and its chips. */
export function useLeadsFilterOptions() {
  const { t } = useI18n()
  const { lookups } = useLeadsLookups()

  const options = computed<Record<LeadListFilter, FilterOption[]>>(() => ({
    stage: lookups.value.stages.map(s => ({ label: s.name, value: s.id })),
    followUp: FOLLOW_UP_STATUSES.map(s => ({ label: t(`leads.followUp.${s}`), value: s })),
    channel: lookups.value.channels.map(c => ({ label: c.name, value: c.id })),
    sourceType: SOURCE_TYPES.map(s => ({ label: t(`leads.sourceType.${s}`), value: s })),
    assignee: [{ label: t('leads.unassigned'), value: 'none' }, ...lookups.value.assignees.map(a => ({ label: a.name, value: a.id }))],
    program: lookups.value.programs.map(p => ({ label: p.name, value: p.id })),
    grade: LEAD_GRADES.map(g => ({ label: g, value: g })),
    next: NEXT_FOLLOW_UP_FILTERS.map(n => ({ label: t(`leads.next.${n}`), value: n })),
  }))

  /** The label of a chosen value; an id the lists no longer have still shows, as `#id`. */
  function labelOf(filter: LeadListFilter, value: string | number): string {
    return options.value[filter].find(o => o.value === value)?.label ?? (filter === 'grade' ? String(value) : `#${value}`)
  }

  return { options, labelOf }
}

/** The list filters, in the order the filter panel shows them. */
export const LIST_FILTERS: LeadListFilter[] = ['stage', 'followUp', 'next', 'channel', 'sourceType', 'assignee', 'program', 'grade']

export type LeadQueryPatch = Partial<LeadListQuery>

import type { AssignmentSettings, AssignmentSettingsUpdate, WorkloadItem } from '#shared/schemas/assignment'
import type { PipelineSettings } from '#shared/types/board'

/** How new leads are shared out, and its change (Owner/Manager). Awaited: the form's state starts from it, on the server too. */
export async function useAssignment() {
  const { data, status, refresh } = await useFetch<AssignmentSettings>('/api/assignment/settings', { key: 'assignment-settings' })

  async function save(body: AssignmentSettingsUpdate) {
    data.value = await $fetch<AssignmentSettings>('/api/assignment/settings', { method: 'PUT', body })
  }
  return { settings: data, status, refresh, save }
}

/** After how many days without activity a lead is flagged on the pipeline board. */
export async function useStaleDays() {
  const { data, status } = await useFetch<PipelineSettings>('/api/pipeline/settings', { key: 'pipeline-settings' })

  async function save(staleDays: number) {
    data.value = await $fetch<PipelineSettings>('/api/pipeline/settings', { method: 'PUT', body: { staleDays } })
  }
  return { settings: data, status, save }
}

/** Open leads against capacity per Admin and Sales/CS user. */
export function useWorkload() {
  const { data, status, refresh } = useFetch<{ items: WorkloadItem[] }>('/api/assignment/workload', { key: 'assignment-workload' })
  return { items: computed(() => data.value?.items ?? []), status, refresh }
}

import type { CheckPhoneResponse, LeadBulkResult, LeadDetail, LeadListResponse, LeadTrashItem } from '#shared/types/leads'
import type { LeadBulkInput } from '#shared/schemas/leads'

/** The leads table's page for the current URL; one cache key, so the table keeps its rows while the next page loads. */
export function useLeadList(query: Ref<Record<string, string>>) {
  return useFetch<LeadListResponse>('/api/leads', { key: 'leads-list', query, default: () => ({ items: [], total: 0 }) })
}

/** Lead mutations; each refreshes the table's cached page, so whatever shows it is up to date. */
export function useLeadActions() {
  const refreshList = () => refreshNuxtData('leads-list')

  async function create(body: Record<string, unknown>): Promise<LeadDetail> {
    const lead = await $fetch<LeadDetail>('/api/leads', { method: 'POST', body })
    await refreshList()
    return lead
  }
  async function update(id: number, body: Record<string, unknown>): Promise<LeadDetail> {
    const lead = await $fetch<LeadDetail>(`/api/leads/${id}`, { method: 'PATCH', body })
    await refreshList()
    return lead
  }
  async function remove(id: number): Promise<void> {
    await $fetch(`/api/leads/${id}`, { method: 'DELETE' })
    await refreshList()
  }
  async function restore(id: number, allowDuplicate = false): Promise<void> {
    await $fetch(`/api/leads/${id}/restore`, { method: 'POST', body: allowDuplicate ? { allowDuplicate } : {} })
    await Promise.all([refreshList(), refreshNuxtData('leads-trash')])
  }
  async function bulk(body: LeadBulkInput): Promise<LeadBulkResult> {
    const result = await $fetch<LeadBulkResult>('/api/leads/bulk', { method: 'POST', body })
    await refreshList()
    return result
  }
  function checkPhone(whatsapp: string, exceptId?: number): Promise<CheckPhoneResponse> {
    return $fetch<CheckPhoneResponse>('/api/leads/check-phone', { query: { whatsapp, ...(exceptId ? { exceptId } : {}) } })
  }
  return { create, update, remove, restore, bulk, checkPhone, refreshList }
}

export function useLeadTrash(query: Ref<{ page: number, pageSize: number }>) {
  return useFetch<LeadListResponse<LeadTrashItem>>('/api/leads/trash', { key: 'leads-trash', query, default: () => ({ items: [], total: 0 }) })
}

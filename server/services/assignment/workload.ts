import type { WorkloadItem } from '../../../shared/schemas/assignment'
import type { DbOrTx } from '../../utils/db'
import { openLeadCounts } from './pick'

/** Open leads as a whole percentage of capacity; no capacity at all reads as full. */
export function workloadPercent(openLeads: number, capacity: number): number {
  return capacity > 0 ? Math.round((openLeads / capacity) * 100) : 100
}

/** Open leads against capacity for every active Admin and Sales/CS user, on leave included (and flagged). */
export async function workload(db: DbOrTx): Promise<WorkloadItem[]> {
  const rows = await openLeadCounts(db)
  return rows.map(r => ({
    id: r.id,
    name: r.name,
    role: r.role as WorkloadItem['role'],
    openLeads: r.openLeads,
    capacity: r.capacity,
    onLeave: r.onLeave,
    percent: workloadPercent(r.openLeads, r.capacity),
  }))
}

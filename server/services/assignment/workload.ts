import type { WorkloadItem } from '../../../shared/schemas/assignment'
import type { DbOrTx } from '../../utils/db'
import { openLeadCounts } from './pick'

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
    percent: r.capacity > 0 ? Math.round((r.openLeads / r.capacity) * 100) : 100,
  }))
}

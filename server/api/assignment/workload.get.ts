import type { WorkloadItem } from '#shared/schemas/assignment'
import { workload } from '../../services/assignment'

/** Open leads against capacity per active Admin and Sales/CS user. */
export default defineEventHandler(async (event): Promise<{ items: WorkloadItem[] }> => {
  await requireUser(event, 'users:read')
  return { items: await workload(useDb()) }
})

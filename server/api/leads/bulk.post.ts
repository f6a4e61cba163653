import { leadBulkSchema } from '#shared/schemas/leads'
import type { LeadBulkResult } from '#shared/types/leads'
import { bulkLeads } from '../../services/leads/bulk'

/** Bulk assign, stage change or delete; the permission depends on the action (checked in the service). */
export default defineEventHandler(async (event): Promise<LeadBulkResult> => {
  const user = await requireUser(event, 'leads:update')
  const input = await readInput(event, leadBulkSchema)
  return bulkLeads(useDb(), user, input, requestMeta(event))
})

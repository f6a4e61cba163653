import { idParamSchema } from '#shared/schemas/common'
import type { LeadTimeline } from '#shared/types/timeline'
import { leadTimeline } from '../../../services/leads/timeline'

export default defineEventHandler(async (event): Promise<LeadTimeline> => {
  const user = await requireUser(event, 'leads:read')
  const { id } = paramsInput(event, idParamSchema)
  return leadTimeline(useDb(), user, id)
})

import { followUpRescheduleSchema } from '#shared/schemas/activities'
import { idParamSchema } from '#shared/schemas/common'
import type { ActivityResult } from '#shared/types/activities'
import { rescheduleFollowUp } from '../../../services/followups/reschedule'

/** Move or clear a lead's next follow-up without logging an activity (the Follow-ups page's "reschedule"). */
export default defineEventHandler(async (event): Promise<ActivityResult['lead']> => {
  const user = await requireUser(event, 'leads:update')
  const { id } = paramsInput(event, idParamSchema)
  const input = await readInput(event, followUpRescheduleSchema)
  return rescheduleFollowUp(useDb(), user, id, input, requestMeta(event))
})

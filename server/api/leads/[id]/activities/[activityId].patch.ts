import { activityParamsSchema, activityUpdateSchema } from '#shared/schemas/activities'
import type { ActivityResult } from '#shared/types/activities'
import { updateActivity } from '../../../../services/activities/write'

export default defineEventHandler(async (event): Promise<ActivityResult> => {
  const user = await requireUser(event, 'activities:write')
  const { id, activityId } = paramsInput(event, activityParamsSchema)
  const input = await readInput(event, activityUpdateSchema)
  return updateActivity(useDb(), user, id, activityId, input, requestMeta(event))
})

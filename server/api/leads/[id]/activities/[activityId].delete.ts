import { activityParamsSchema } from '#shared/schemas/activities'
import { deleteActivity } from '../../../../services/activities/write'

/** Soft delete: own activities, or anyone's with 'activities:manage'. */
export default defineEventHandler(async (event): Promise<null> => {
  const user = await requireUser(event, 'activities:write')
  const { id, activityId } = paramsInput(event, activityParamsSchema)
  await deleteActivity(useDb(), user, id, activityId, requestMeta(event))
  setResponseStatus(event, 204)
  return null
})

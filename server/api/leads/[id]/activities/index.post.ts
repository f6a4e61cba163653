import { activityCreateSchema } from '#shared/schemas/activities'
import { idParamSchema } from '#shared/schemas/common'
import type { ActivityResult } from '#shared/types/activities'
import { createActivity } from '../../../../services/activities/write'

export default defineEventHandler(async (event): Promise<ActivityResult> => {
  const user = await requireUser(event, 'activities:write')
  const { id } = paramsInput(event, idParamSchema)
  const input = await readInput(event, activityCreateSchema)
  const result = await createActivity(useDb(), user, id, input, requestMeta(event))
  setResponseStatus(event, 201)
  return result
})

import { idParamSchema } from '#shared/schemas/common'
import type { ActivityList } from '#shared/types/activities'
import { listActivities } from '../../../../services/activities/list'

export default defineEventHandler(async (event): Promise<ActivityList> => {
  const user = await requireUser(event, 'leads:read')
  const { id } = paramsInput(event, idParamSchema)
  return listActivities(useDb(), user, id)
})

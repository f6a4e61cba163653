import type { AssignmentSettings } from '#shared/schemas/assignment'
import { getAssignmentSettings } from '../../services/assignment'

export default defineEventHandler(async (event): Promise<AssignmentSettings> => {
  await requireUser(event, 'pipeline:configure')
  return getAssignmentSettings(useDb())
})

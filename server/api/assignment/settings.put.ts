import { assignmentSettingsUpdateSchema, type AssignmentSettings } from '#shared/schemas/assignment'
import { updateAssignmentSettings } from '../../services/assignment'

export default defineEventHandler(async (event): Promise<AssignmentSettings> => {
  const user = await requireUser(event, 'pipeline:configure')
  const input = await readInput(event, assignmentSettingsUpdateSchema)
  return updateAssignmentSettings(useDb(), user, input, requestMeta(event))
})

import { idParamSchema } from '#shared/schemas/common'
import { enrollmentUpdateSchema } from '#shared/schemas/enrollments'
import type { EnrollmentDto } from '#shared/types/reports'
import { updateEnrollment } from '../../services/enrollments'

/** Cancel an enrolment. Out of the user's scope is a 404. */
export default defineEventHandler(async (event): Promise<EnrollmentDto> => {
  const user = await requireUser(event, 'enrollments:cancel')
  const { id } = paramsInput(event, idParamSchema)
  const input = await readInput(event, enrollmentUpdateSchema)
  return updateEnrollment(useDb(), user, id, input, requestMeta(event))
})

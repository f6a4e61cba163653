import { enrollmentCreateSchema } from '#shared/schemas/enrollments'
import type { EnrollmentDto } from '#shared/types/reports'
import { createEnrollment } from '../../services/enrollments'

/** Record an enrolment for a lead in the user's scope (the lead page's "Catat pendaftaran"). */
export default defineEventHandler(async (event): Promise<EnrollmentDto> => {
  const user = await requireUser(event, 'leads:update')
  const input = await readInput(event, enrollmentCreateSchema)
  const created = await createEnrollment(useDb(), user, input, requestMeta(event))
  setResponseStatus(event, 201)
  return created
})

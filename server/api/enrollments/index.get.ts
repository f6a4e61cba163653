import { enrollmentListQuerySchema } from '#shared/schemas/enrollments'
import type { EnrollmentListResponse } from '#shared/types/reports'
import { listEnrollments } from '../../services/enrollments'

/** Sales/CS see the enrolments of their own leads or credited to them; everyone else all of them. */
export default defineEventHandler(async (event): Promise<EnrollmentListResponse> => {
  const user = await requireUser(event, 'leads:read')
  const query = queryInput(event, enrollmentListQuerySchema)
  return listEnrollments(useDb(), user, query)
})

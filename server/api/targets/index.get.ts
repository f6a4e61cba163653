import { targetsQuerySchema } from '#shared/schemas/targets'
import type { TargetsResponse } from '#shared/types/reports'
import { getTargets } from '../../services/reports/targets'

/** A month's targets for every scope, each with the real figures so far. */
export default defineEventHandler(async (event): Promise<TargetsResponse> => {
  await requireUser(event, 'targets:manage')
  const { month } = queryInput(event, targetsQuerySchema)
  return getTargets(useDb(), month)
})

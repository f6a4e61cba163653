import { targetsSaveSchema } from '#shared/schemas/targets'
import type { TargetsResponse } from '#shared/types/reports'
import { saveTargets } from '../../services/reports/targets'

/** Replace a month's set of targets, all or nothing. */
export default defineEventHandler(async (event): Promise<TargetsResponse> => {
  const user = await requireUser(event, 'targets:manage')
  const input = await readInput(event, targetsSaveSchema)
  return saveTargets(useDb(), user, input, requestMeta(event))
})

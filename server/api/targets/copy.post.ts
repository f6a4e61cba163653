import { targetsCopySchema } from '#shared/schemas/targets'
import type { TargetsCopyResult } from '#shared/types/reports'
import { copyTargets } from '../../services/reports/targets'

/** Copy the previous month's targets into a month; 409 when it has targets and `overwrite` is not set. */
export default defineEventHandler(async (event): Promise<TargetsCopyResult> => {
  const user = await requireUser(event, 'targets:manage')
  const input = await readInput(event, targetsCopySchema)
  const result = await copyTargets(useDb(), user, input, requestMeta(event))
  setResponseStatus(event, 201)
  return result
})

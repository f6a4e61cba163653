import type { Lookups } from '#shared/types/lookups'
import { getLookups } from '../services/lookups'

/** Stages, channels, programs and assignees for the lead screens: any signed-in user. */
export default defineEventHandler(async (event): Promise<Lookups> => {
  await requireUser(event)
  return getLookups(useDb())
})

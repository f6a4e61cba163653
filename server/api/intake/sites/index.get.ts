import type { IntakeSitePublic } from '#shared/schemas/intake'
import { listIntakeSites } from '../../../services/intake'

export default defineEventHandler(async (event): Promise<{ items: IntakeSitePublic[] }> => {
  await requireUser(event, 'pipeline:configure')
  return { items: await listIntakeSites(useDb()) }
})

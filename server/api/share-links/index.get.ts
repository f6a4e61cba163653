import { shareLinkListSchema } from '#shared/schemas/reports'
import type { ShareLinkDto } from '#shared/types/share-links'
import { listShareLinks } from '../../services/share-links/manage'

/** The caller's own shared links, newest first; `?report=funnel` for one report's. */
export default defineEventHandler(async (event): Promise<ShareLinkDto[]> => {
  const user = await requireUser(event, 'reports:share')
  const { report } = queryInput(event, shareLinkListSchema)
  return listShareLinks(useDb(), user, report)
})

import { idParamSchema } from '#shared/schemas/common'
import type { ShareLinkDto } from '#shared/types/share-links'
import { revokeShareLink } from '../../services/share-links/manage'

/** Revoke one of the caller's links: it stops opening at once. */
export default defineEventHandler(async (event): Promise<ShareLinkDto> => {
  const user = await requireUser(event, 'reports:share')
  const { id } = paramsInput(event, idParamSchema)
  return revokeShareLink(useDb(), user, id, requestMeta(event))
})

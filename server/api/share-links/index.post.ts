import { getRequestURL, readBody, setResponseStatus } from 'h3'
import type { ShareLinkCreated } from '#shared/types/share-links'
import { createShareLink } from '../../services/share-links/manage'

/** Make a read-only link to a report with its filters: `{ report, params, expiresInDays }` → `{ id, url }`. */
export default defineEventHandler(async (event): Promise<ShareLinkCreated> => {
  const user = await requireUser(event, 'reports:share')
  const body = await readBody(event).catch(() => {
    throw invalidJsonError()
  })
  const origin = getRequestURL(event, { xForwardedHost: useEnv().TRUST_PROXY, xForwardedProto: useEnv().TRUST_PROXY }).origin
  const created = await createShareLink(useDb(), user, body ?? {}, origin, requestMeta(event))
  setResponseStatus(event, 201)
  return created
})

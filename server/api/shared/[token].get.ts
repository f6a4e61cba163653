import { setHeader } from 'h3'
import { shareTokenParamSchema } from '#shared/schemas/reports'
import type { SharedReport } from '#shared/types/share-links'
import { openSharedReport } from '../../services/share-links/open'

/** Public: a shared report by its link token, without a session (aggregates only). */
export default defineEventHandler(async (event): Promise<SharedReport> => {
  const parsed = shareTokenParamSchema.safeParse({ token: getRouterParam(event, 'token') })
  if (!parsed.success) throw notFound('Tautan tidak ditemukan.')
  setHeader(event, 'cache-control', 'no-store')
  setHeader(event, 'x-robots-tag', 'noindex')
  return openSharedReport(useDb(), parsed.data.token, requestMeta(event))
})

import { aliasIdParamSchema } from '#shared/schemas/channels'
import { deleteAlias } from '../../../services/channels/aliases'

/** Leads already on the channel stay there: removing an alias only changes how new leads are mapped. */
export default defineEventHandler(async (event): Promise<{ ok: true }> => {
  const actor = await requireUser(event, 'pipeline:configure')
  const { aliasId } = paramsInput(event, aliasIdParamSchema)
  if (!await deleteAlias(useDb(), actor, aliasId, requestMeta(event))) throw notFound('Alias tidak ditemukan.')
  return { ok: true }
})

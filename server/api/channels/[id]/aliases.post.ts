import { idParamSchema } from '#shared/schemas/common'
import { aliasCreateSchema } from '#shared/schemas/channels'
import type { ChannelAliasDto } from '#shared/types/channels'
import { addAlias } from '../../../services/channels/aliases'

export default defineEventHandler(async (event): Promise<ChannelAliasDto> => {
  const actor = await requireUser(event, 'pipeline:configure')
  const { id } = paramsInput(event, idParamSchema)
  const input = await readInput(event, aliasCreateSchema)
  const alias = await addAlias(useDb(), actor, id, input, requestMeta(event))
  if (!alias) throw notFound('Channel tidak ditemukan.')
  setResponseStatus(event, 201)
  return alias
})

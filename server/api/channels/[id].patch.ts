import { idParamSchema } from '#shared/schemas/common'
import { channelUpdateSchema } from '#shared/schemas/channels'
import type { ChannelDto } from '#shared/types/channels'
import { updateChannel } from '../../services/channels'

export default defineEventHandler(async (event): Promise<ChannelDto> => {
  const actor = await requireUser(event, 'pipeline:configure')
  const { id } = paramsInput(event, idParamSchema)
  const input = await readInput(event, channelUpdateSchema)
  const channel = await updateChannel(useDb(), actor, id, input, requestMeta(event))
  if (!channel) throw notFound('Channel tidak ditemukan.')
  return channel
})

import { channelCreateSchema } from '#shared/schemas/channels'
import type { ChannelDto } from '#shared/types/channels'
import { createChannel } from '../../services/channels'

export default defineEventHandler(async (event): Promise<ChannelDto> => {
  const actor = await requireUser(event, 'pipeline:configure')
  const input = await readInput(event, channelCreateSchema)
  const channel = await createChannel(useDb(), actor, input, requestMeta(event))
  setResponseStatus(event, 201)
  return channel
})

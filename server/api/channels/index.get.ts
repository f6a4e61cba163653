import type { ChannelDto } from '#shared/types/channels'
import { listChannels } from '../../services/channels'

/** Every signed-in user: filters and the lead form need the channels. */
export default defineEventHandler(async (event): Promise<ChannelDto[]> => {
  await requireUser(event)
  return listChannels(useDb())
})

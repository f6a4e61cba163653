import type { ChannelAliasDto } from '#shared/types/channels'
import { listAliases } from '../../../services/channels/aliases'

export default defineEventHandler(async (event): Promise<ChannelAliasDto[]> => {
  await requireUser(event, 'pipeline:configure')
  return listAliases(useDb())
})

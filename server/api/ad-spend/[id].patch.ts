import { adSpendUpdateSchema } from '#shared/schemas/ad-spend'
import { idParamSchema } from '#shared/schemas/common'
import type { AdSpendDto } from '#shared/types/reports'
import { updateAdSpend } from '../../services/ad-spend'

export default defineEventHandler(async (event): Promise<AdSpendDto> => {
  const user = await requireUser(event, 'adspend:manage')
  const { id } = paramsInput(event, idParamSchema)
  const input = await readInput(event, adSpendUpdateSchema)
  return updateAdSpend(useDb(), user, id, input, requestMeta(event))
})

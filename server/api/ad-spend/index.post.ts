import { adSpendCreateSchema } from '#shared/schemas/ad-spend'
import type { AdSpendDto } from '#shared/types/reports'
import { createAdSpend } from '../../services/ad-spend'

export default defineEventHandler(async (event): Promise<AdSpendDto> => {
  const user = await requireUser(event, 'adspend:manage')
  const input = await readInput(event, adSpendCreateSchema)
  const row = await createAdSpend(useDb(), user, input, requestMeta(event))
  setResponseStatus(event, 201)
  return row
})

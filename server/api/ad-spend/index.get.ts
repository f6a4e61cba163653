import { adSpendListQuerySchema } from '#shared/schemas/ad-spend'
import type { AdSpendListResponse } from '#shared/types/reports'
import { listAdSpend } from '../../services/ad-spend'

export default defineEventHandler(async (event): Promise<AdSpendListResponse> => {
  await requireUser(event, 'adspend:manage')
  const query = queryInput(event, adSpendListQuerySchema)
  return listAdSpend(useDb(), query)
})

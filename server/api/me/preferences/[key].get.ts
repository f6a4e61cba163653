import { preferenceKeyParamSchema } from '#shared/schemas/preferences'
import type { PreferenceDto } from '#shared/types/preferences'
import { getPreference } from '../../../services/preferences'

export default defineEventHandler(async (event): Promise<PreferenceDto> => {
  const user = await requireUser(event)
  const { key } = paramsInput(event, preferenceKeyParamSchema)
  return { value: await getPreference(useDb(), user.id, key) }
})

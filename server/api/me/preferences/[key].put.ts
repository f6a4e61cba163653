import { preferenceKeyParamSchema, preferencePutSchema } from '#shared/schemas/preferences'
import type { PreferenceDto } from '#shared/types/preferences'
import { setPreference } from '../../../services/preferences'

export default defineEventHandler(async (event): Promise<PreferenceDto> => {
  const user = await requireUser(event)
  const { key } = paramsInput(event, preferenceKeyParamSchema)
  const { value } = await readInput(event, preferencePutSchema)
  return { value: await setPreference(useDb(), user.id, key, value) }
})

import { profileUpdateSchema } from '#shared/schemas/users'
import type { PublicUser } from '../../services/users'
import { updateProfile } from '../../services/users/profile'

export default defineEventHandler(async (event): Promise<PublicUser> => {
  const actor = await requireUser(event)
  const input = await readInput(event, profileUpdateSchema)
  return updateProfile(useDb(), actor, input, requestMeta(event))
})

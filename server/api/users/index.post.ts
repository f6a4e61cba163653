import { userCreateSchema } from '#shared/schemas/users'
import { createUser, type PublicUser } from '../../services/users'

export default defineEventHandler(async (event): Promise<PublicUser> => {
  const actor = await requireUser(event, 'users:manage')
  const input = await readInput(event, userCreateSchema)
  const user = await createUser(useDb(), actor, input, requestMeta(event))
  setResponseStatus(event, 201)
  return user
})

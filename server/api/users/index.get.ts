import { userListQuerySchema } from '#shared/schemas/users'
import { listUsers, type PublicUser } from '../../services/users'

export default defineEventHandler(async (event): Promise<PublicUser[]> => {
  await requireUser(event, 'users:read')
  const filter = queryInput(event, userListQuerySchema)
  return listUsers(useDb(), filter)
})

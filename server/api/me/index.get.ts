import { getUser, type PublicUser } from '../../services/users'

export default defineEventHandler(async (event): Promise<PublicUser> => {
  const actor = await requireUser(event)
  const user = await getUser(useDb(), actor.id)
  if (!user) throw notFound()
  return user
})

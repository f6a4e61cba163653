import { idParamSchema } from '#shared/schemas/common'
import { getUser, type PublicUser } from '../../services/users'

export default defineEventHandler(async (event): Promise<PublicUser> => {
  await requireUser(event, 'users:read')
  const { id } = paramsInput(event, idParamSchema)
  const user = await getUser(useDb(), id)
  if (!user) throw notFound('Pengguna tidak ditemukan.')
  return user
})

import { idParamSchema } from '#shared/schemas/common'
import { userUpdateSchema } from '#shared/schemas/users'
import { updateUser, type PublicUser } from '../../services/users'

export default defineEventHandler(async (event): Promise<PublicUser> => {
  const actor = await requireUser(event, 'users:manage')
  const { id } = paramsInput(event, idParamSchema)
  const input = await readInput(event, userUpdateSchema)
  const user = await updateUser(useDb(), actor, id, input, requestMeta(event))
  if (!user) throw notFound('Pengguna tidak ditemukan.')
  return user
})

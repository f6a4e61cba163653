import { idParamSchema } from '#shared/schemas/common'
import { passwordResetSchema } from '#shared/schemas/users'
import { resetPassword } from '../../../services/users'

export default defineEventHandler(async (event): Promise<{ ok: true }> => {
  const actor = await requireUser(event, 'users:manage')
  const { id } = paramsInput(event, idParamSchema)
  const { password } = await readInput(event, passwordResetSchema)
  if (!await resetPassword(useDb(), actor, id, password, requestMeta(event))) throw notFound('Pengguna tidak ditemukan.')
  return { ok: true }
})

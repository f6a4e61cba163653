import { passwordChangeSchema } from '#shared/schemas/users'
import { changeOwnPassword } from '../../services/users/profile'

export default defineEventHandler(async (event): Promise<{ ok: true }> => {
  const actor = await requireUser(event)
  const input = await readInput(event, passwordChangeSchema)
  await changeOwnPassword(useDb(), actor, input, requestMeta(event))
  return { ok: true }
})

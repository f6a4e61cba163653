import type { Role } from '#shared/enums/roles'

export default defineEventHandler(async (event): Promise<{ id: number, name: string, email: string, role: Role, locale: string }> => {
  const { id, name, email, role, locale } = await requireUser(event)
  return { id, name, email, role, locale }
})

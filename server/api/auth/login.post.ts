import { loginSchema } from '#shared/schemas/auth'
import { login } from '../../services/auth/login'

export default defineEventHandler(async (event): Promise<{ token: string, expiresAt: string }> => {
  const input = await readInput(event, loginSchema)
  const result = await login(useDb(), input, requestMeta(event))
  if (!result.ok && result.reason === 'throttled') {
    setResponseHeader(event, 'Retry-After', result.retryAfter)
    throw createError({ statusCode: 429, statusMessage: 'Too Many Requests', message: `Terlalu banyak percobaan masuk. Coba lagi dalam ${Math.ceil(result.retryAfter / 60)} menit.`, data: { retryAfter: result.retryAfter } })
  }
  if (!result.ok)
    throw createError({ statusCode: 401, statusMessage: 'Unauthorized', message: 'E-mail atau kata sandi salah.' })
  return { token: result.token, expiresAt: result.expiresAt.toISOString() }
})

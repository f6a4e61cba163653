import { z } from 'zod'
import { emailField } from './common'

export const loginSchema = z.object({
  email: emailField,
  password: z.string().min(1, 'Kata sandi wajib diisi').max(128),
})
export type LoginInput = z.output<typeof loginSchema>

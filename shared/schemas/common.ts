import { z } from 'zod'

// Validation messages in Bahasa Indonesia for fields without a message of their own.
z.config(z.locales.id())

export const idParamSchema = z.object({ id: z.coerce.number().int().positive() })

export const emailField = z.string().trim().toLowerCase().max(191).pipe(z.email({ error: 'E-mail tidak valid' }))

/** Passwords: long enough to matter, short enough that argon2 never sees megabytes. */
export const passwordField = z.string().min(8, 'Minimal 8 karakter').max(128, 'Maksimal 128 karakter')

import { z } from 'zod'
import { ROLES } from '../enums/roles'
import { normalizePhoneId } from '../utils/phone'
import { emailField, passwordField } from './common'

const phoneField = z.string().trim().max(30)
  .refine(v => v === '' || normalizePhoneId(v) !== null, 'Nomor HP Indonesia tidak valid')
  .transform(v => (v === '' ? null : normalizePhoneId(v)))

const capacityField = z.coerce.number().int().min(0).max(100_000)

const userFields = {
  name: z.string().trim().min(2, 'Minimal 2 karakter').max(120),
  email: emailField,
  role: z.enum(ROLES, { error: 'Peran tidak dikenal' }),
  phone: phoneField.nullish(),
  capacity: capacityField.default(200),
}

export const userCreateSchema = z.object({ ...userFields, password: passwordField })
export type UserCreateInput = z.output<typeof userCreateSchema>

export const userUpdateSchema = z.object({
  ...userFields,
  capacity: capacityField,
  active: z.boolean(),
  onLeave: z.boolean(),
}).partial().refine(v => Object.keys(v).length > 0, 'Tidak ada perubahan')
export type UserUpdateInput = z.output<typeof userUpdateSchema>

export const passwordResetSchema = z.object({ password: passwordField })

export const userListQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  active: z.enum(['true', 'false']).transform(v => v === 'true').optional(),
})

export const profileUpdateSchema = z.object({
  name: userFields.name,
  phone: phoneField.nullish(),
  locale: z.enum(['id', 'en']),
}).partial()

export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1, 'Wajib diisi').max(128),
  newPassword: passwordField,
}).refine(v => v.currentPassword !== v.newPassword, { path: ['newPassword'], message: 'Kata sandi baru harus berbeda' })

import type { Role } from '../enums/roles'

/** A user as the API sends it: dates are ISO strings once serialised. */
export interface PublicUserDto {
  id: number
  name: string
  email: string
  role: Role
  active: boolean
  phone: string | null
  capacity: number
  locale: string
  lastLoginAt: string | null
  createdAt: string
}

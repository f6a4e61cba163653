import type { Role } from '../enums/roles'

/** A user as the API sends it: dates are ISO strings once serialised. */
export interface PublicUserDto {
  id: number
  name: string
  email: string
  role: Role
  active: boolean
  /** On leave: skipped by automatic lead assignment. */
  onLeave: boolean
  phone: string | null
  capacity: number
  locale: string
  lastLoginAt: string | null
  createdAt: string
}

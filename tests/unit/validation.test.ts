import { describe, expect, it } from 'vitest'
import { userCreateSchema, userUpdateSchema } from '#shared/schemas/users'
import { parseInput } from '../../server/utils/validation'

describe('uniform validation errors', () => {
  it('turns zod issues into a 400 with data.fieldErrors', () => {
    let error: any
    try {
      parseInput(userCreateSchema, { name: 'A', email: 'nope', role: 'boss', password: 'short' })
    }
    catch (e) {
      error = e
    }
    expect(error.statusCode).toBe(400)
    expect(Object.keys(error.data.fieldErrors).sort()).toEqual(['email', 'name', 'password', 'role'])
    expect(error.data.fieldErrors.email[0]).toBe('E-mail tidak valid')
  })

  it('normalises a user phone number and rejects junk', () => {
    expect(parseInput(userCreateSchema, { name: 'Ani', email: 'ANI@X.ID ', role: 'sales', password: 'longenough', phone: '0812-3456-7890' }))
      .toMatchObject({ email: 'ani@x.id', phone: '+6281234567890', capacity: 200 })
    expect(() => parseInput(userCreateSchema, { name: 'Ani', email: 'a@x.id', role: 'sales', password: 'longenough', phone: '12ab' })).toThrow()
  })

  it('refuses an empty update', () => {
    expect(() => parseInput(userUpdateSchema, {})).toThrow()
  })
})

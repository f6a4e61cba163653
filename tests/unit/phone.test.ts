import { describe, expect, it } from 'vitest'
import { formatPhoneId, normalizePhoneId } from '#shared/utils/phone'

describe('normalizePhoneId', () => {
  it.each([
    '081234567890', '+62 812-3456-7890', '6281234567890', '0812-3456-7890', '(0812) 3456 7890',
    '+6281234567890', '0062 812 3456 7890', '81234567890', ' 0812.3456.7890 ',
  ])('reads %s as +6281234567890', (input) => {
    expect(normalizePhoneId(input)).toBe('+6281234567890')
  })

  it('keeps Jakarta landlines', () => {
    expect(normalizePhoneId('021-5551234')).toBe('+62215551234')
  })

  it.each(['', 'abc', '12345', '0812', '+1 415 555 0100', '0812-3456-7890-1234-5', '08x2345678', '0000000000', null, undefined])('rejects %s', (input) => {
    expect(normalizePhoneId(input as string)).toBeNull()
  })

  it('formats E.164 the Indonesian way', () => {
    expect(formatPhoneId('+6281234567890')).toBe('0812-3456-7890')
    expect(formatPhoneId('+628129933577')).toBe('0812-993-3577')
    expect(formatPhoneId('+62812993357')).toBe('0812-993-357')
    expect(formatPhoneId('+62877984754321')).toBe('0877-9847-54321')
  })
})

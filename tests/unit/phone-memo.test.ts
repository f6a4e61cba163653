import { describe, expect, it } from 'vitest'
import { parseEnv } from '../../server/utils/env'
import { encryptField } from '../../server/utils/crypto'
import { decryptPhone } from '../../server/services/leads/phone-memo'

const keyA = Buffer.alloc(32, 3).toString('base64')
const keyB = Buffer.alloc(32, 4).toString('base64')
const envWith = (keys: string) => parseEnv({ ENCRYPTION_KEYS: keys }).ENCRYPTION_KEYS

describe('decrypted WhatsApp numbers kept by ciphertext', () => {
  it('answers the plain number, the same on every read, and a new number for a new ciphertext', () => {
    const keys = envWith(`k1:${keyA}`)
    const stored = encryptField('+6281234567890', keys)
    expect(decryptPhone(stored, keys)).toBe('+6281234567890')
    expect(decryptPhone(stored, keys)).toBe('+6281234567890')
    expect(decryptPhone(encryptField('+6289876543210', keys), keys)).toBe('+6289876543210')
  })

  it('keeps nothing per key set: a value no configured key opens throws every time', () => {
    const stored = encryptField('+6281111111111', envWith(`k1:${keyA}`))
    const other = envWith(`k2:${keyB}`)
    expect(() => decryptPhone(stored, other)).toThrow(/unknown key/)
    expect(() => decryptPhone(stored, other)).toThrow(/unknown key/)
  })

  it('does not answer a tampered value from memory', () => {
    const keys = envWith(`k1:${keyA}`)
    const stored = encryptField('+6282222222222', keys)
    expect(decryptPhone(stored, keys)).toBe('+6282222222222')
    const parts = stored.split('.')
    const flipped = Buffer.from(parts[3]!, 'base64url')
    flipped[0]! ^= 1
    expect(() => decryptPhone([...parts.slice(0, 3), flipped.toString('base64url')].join('.'), keys)).toThrow()
  })
})

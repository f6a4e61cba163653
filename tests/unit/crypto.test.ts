import { describe, expect, it } from 'vitest'
import { parseEnv } from '../../server/utils/env'
import { blindIndex, decryptField, encryptField } from '../../server/utils/crypto'

const keyA = Buffer.alloc(32, 1).toString('base64')
const keyB = Buffer.alloc(32, 2).toString('base64')
const envWith = (keys: string) => parseEnv({ ENCRYPTION_KEYS: keys }).ENCRYPTION_KEYS

describe('field encryption (AES-256-GCM with key ids)', () => {
  it('round-trips and never stores the clear text', () => {
    const keys = envWith(`k1:${keyA}`)
    const stored = encryptField('+6281234567890', keys)
    expect(stored).not.toContain('81234567890')
    expect(stored.startsWith('k1.')).toBe(true)
    expect(decryptField(stored, keys)).toBe('+6281234567890')
  })

  it('uses a fresh IV each time', () => {
    const keys = envWith(`k1:${keyA}`)
    expect(encryptField('same', keys)).not.toBe(encryptField('same', keys))
  })

  it('decrypts with a rotated-out key and encrypts with the first', () => {
    const old = envWith(`k1:${keyA}`)
    const rotated = envWith(`k2:${keyB},k1:${keyA}`)
    const legacy = encryptField('secret', old)
    expect(decryptField(legacy, rotated)).toBe('secret')
    expect(encryptField('secret', rotated).startsWith('k2.')).toBe(true)
  })

  it('rejects a tampered value and an unknown key', () => {
    const keys = envWith(`k1:${keyA}`)
    const stored = encryptField('secret', keys)
    const parts = stored.split('.')
    const flipped = Buffer.from(parts[3]!, 'base64url')
    flipped[0]! ^= 1
    expect(() => decryptField([...parts.slice(0, 3), flipped.toString('base64url')].join('.'), keys)).toThrow()
    expect(() => decryptField(stored, envWith(`k9:${keyB}`))).toThrow(/unknown key/)
  })
})

describe('blind index (HMAC-SHA256)', () => {
  it('is deterministic per key and differs across keys', () => {
    const a = blindIndex('+6281234567890', 'a'.repeat(32))
    expect(a).toHaveLength(32)
    expect(blindIndex('+6281234567890', 'a'.repeat(32)).equals(a)).toBe(true)
    expect(blindIndex('+6281234567890', 'b'.repeat(32)).equals(a)).toBe(false)
    expect(blindIndex('+6281234567891', 'a'.repeat(32)).equals(a)).toBe(false)
  })
})

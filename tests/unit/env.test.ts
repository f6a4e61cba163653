import { describe, expect, it } from 'vitest'
import { parseEnv } from '../../server/utils/env'

describe('environment validation', () => {
  it('works with no variables at all (local development)', () => {
    const env = parseEnv({})
    expect(env.DATABASE_URL).toBe('mysql://root@127.0.0.1:3306/crm')
    expect(env.NODE_ENV).toBe('development')
    expect(env.ENCRYPTION_KEYS.current).toBe('dev1')
  })

  it('names a malformed variable', () => {
    expect(() => parseEnv({ DATABASE_URL: 'postgres://x@y/z' })).toThrow(/DATABASE_URL/)
    expect(() => parseEnv({ SESSION_TTL_HOURS: 'soon' })).toThrow(/SESSION_TTL_HOURS/)
    expect(() => parseEnv({ ENCRYPTION_KEYS: 'k1:tooshort' })).toThrow(/ENCRYPTION_KEYS/)
  })

  it('refuses the development keys in production and names them', () => {
    let message = ''
    try {
      parseEnv({ NODE_ENV: 'production' })
    }
    catch (e) {
      message = (e as Error).message
    }
    expect(message).toMatch(/ENCRYPTION_KEYS/)
    expect(message).toMatch(/BLIND_INDEX_KEY/)
  })

  it('accepts production with real keys', () => {
    const env = parseEnv({ NODE_ENV: 'production', ENCRYPTION_KEYS: `p1:${Buffer.alloc(32, 7).toString('base64')}`, BLIND_INDEX_KEY: 'x'.repeat(40) })
    expect(env.ENCRYPTION_KEYS.current).toBe('p1')
  })
})

import { describe, expect, it } from 'vitest'
import { cachedSession, forgetSession, forgetUserSessions, RECHECK_MS, rememberSession, sessionGeneration } from '../../server/services/auth/session-cache'

const user = (id: number, sessionId: string) => ({ id, name: `U${id}`, email: `u${id}@x.test`, role: 'sales' as const, locale: 'id', sessionId })
const later = (ms: number) => new Date(Date.now() + ms)

describe('session cache', () => {
  it('answers a fresh check, and asks again once it is RECHECK_MS old or the session has expired', () => {
    const now = Date.now()
    rememberSession(user(1, 's1'), later(60_000), now, sessionGeneration())
    expect(cachedSession('s1', now + 10)?.id).toBe(1)
    expect(cachedSession('s1', now + RECHECK_MS)).toBeUndefined()
    rememberSession(user(1, 's1b'), new Date(now + 1000), now, sessionGeneration())
    expect(cachedSession('s1b', now + 1000)).toBeUndefined()
  })

  it('hands out copies: a caller changing its user object does not change the cache', () => {
    const now = Date.now()
    rememberSession(user(2, 's2'), later(60_000), now, sessionGeneration())
    cachedSession('s2', now)!.role = 'owner'
    expect(cachedSession('s2', now)!.role).toBe('sales')
  })

  it('forgets a session, and every session of a user', () => {
    const now = Date.now()
    rememberSession(user(3, 's3a'), later(60_000), now, sessionGeneration())
    rememberSession(user(3, 's3b'), later(60_000), now, sessionGeneration())
    rememberSession(user(4, 's4'), later(60_000), now, sessionGeneration())
    forgetSession('s3a')
    expect(cachedSession('s3a', now)).toBeUndefined()
    expect(cachedSession('s3b', now)).toBeDefined()
    forgetUserSessions(3)
    expect(cachedSession('s3b', now)).toBeUndefined()
    expect(cachedSession('s4', now)).toBeDefined()
  })

  it('does not keep a lookup that started before a revocation (it may have read the old row)', () => {
    const now = Date.now()
    const started = sessionGeneration()
    forgetUserSessions(5)
    rememberSession(user(5, 's5'), later(60_000), now, started)
    expect(cachedSession('s5', now)).toBeUndefined()
    rememberSession(user(5, 's5'), later(60_000), now, sessionGeneration())
    expect(cachedSession('s5', now)).toBeDefined()
  })
})

import { describe, expect, it } from 'vitest'
import { DEFAULT_NOTIFICATION_PREFS, resolveNotificationPrefs } from '../../shared/enums/notifications'
import { notificationPrefsSchema, notificationReadSchema } from '../../shared/schemas/notifications'

describe('resolveNotificationPrefs', () => {
  it('fills in defaults, reads JSON text as MariaDB gives it back, and keeps the digest e-mail only', () => {
    expect(resolveNotificationPrefs(null)).toEqual(DEFAULT_NOTIFICATION_PREFS)
    const stored = { lead_assigned: { inApp: false }, daily_digest: { inApp: true, email: false } }
    const expected = { ...DEFAULT_NOTIFICATION_PREFS, lead_assigned: { inApp: false, email: true }, daily_digest: { inApp: false, email: false } }
    expect(resolveNotificationPrefs(stored)).toEqual(expected)
    expect(resolveNotificationPrefs(JSON.stringify(stored))).toEqual(expected)
    expect(resolveNotificationPrefs('not json')).toEqual(DEFAULT_NOTIFICATION_PREFS)
  })
})

describe('notification schemas', () => {
  it('accept partial prefs and the two read forms, nothing else', () => {
    expect(notificationPrefsSchema.safeParse({ todo_due: { inApp: true, email: false } }).success).toBe(true)
    expect(notificationPrefsSchema.safeParse({ todo_due: { inApp: true } }).success).toBe(false)
    expect(notificationPrefsSchema.safeParse({ other: { inApp: true, email: true } }).success).toBe(false)
    expect(notificationReadSchema.safeParse({ ids: [1, 2] }).success).toBe(true)
    expect(notificationReadSchema.safeParse({ all: true }).success).toBe(true)
    expect(notificationReadSchema.safeParse({ all: false }).success).toBe(false)
    expect(notificationReadSchema.safeParse({ ids: [] }).success).toBe(false)
  })
})

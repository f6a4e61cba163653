/** What a user can be notified about; each kind can be switched on or off per channel in the profile. */
export const NOTIFICATION_KINDS = [
  'follow_up_due',
  'todo_due',
  'lead_assigned',
  'lead_changed',
  'whatsapp_message',
  'daily_digest',
] as const
export type NotificationKind = typeof NOTIFICATION_KINDS[number]

export const NOTIFICATION_CHANNELS = ['inApp', 'email'] as const
export type NotificationChannel = typeof NOTIFICATION_CHANNELS[number]

export type NotificationPrefs = Record<NotificationKind, Record<NotificationChannel, boolean>>

/** The digest is an e-mail; it has no in-app form. */
export const EMAIL_ONLY_KINDS: readonly NotificationKind[] = ['daily_digest']

export const DEFAULT_NOTIFICATION_PREFS: NotificationPrefs = {
  follow_up_due: { inApp: true, email: true },
  todo_due: { inApp: true, email: true },
  lead_assigned: { inApp: true, email: true },
  lead_changed: { inApp: true, email: false },
  whatsapp_message: { inApp: true, email: false },
  daily_digest: { inApp: false, email: true },
}

/** A stored (possibly partial or older) preference object, completed with the defaults. */
export function resolveNotificationPrefs(stored: unknown): NotificationPrefs {
  const out = structuredClone(DEFAULT_NOTIFICATION_PREFS)
  // MariaDB keeps JSON as text, so the driver hands back the string.
  if (typeof stored === 'string') {
    try {
      stored = JSON.parse(stored)
    }
    catch {
      return out
    }
  }
  if (!stored || typeof stored !== 'object') return out
  for (const kind of NOTIFICATION_KINDS) {
    const entry = (stored as Record<string, unknown>)[kind]
    if (!entry || typeof entry !== 'object') continue
    for (const channel of NOTIFICATION_CHANNELS) {
      const value = (entry as Record<string, unknown>)[channel]
      if (typeof value === 'boolean') out[kind][channel] = value
    }
    if (EMAIL_ONLY_KINDS.includes(kind)) out[kind].inApp = false
  }
  return out
}

/** What a reminder is about: a lead's next follow-up, or a to-do. */
export const REMINDER_KINDS = ['follow_up', 'todo'] as const
export type ReminderKind = typeof REMINDER_KINDS[number]

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const
export type OutboxStatus = typeof OUTBOX_STATUSES[number]

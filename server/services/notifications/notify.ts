import type { NotificationKind } from '../../../shared/enums/notifications'
import { notifications } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { enqueueEmails } from '../outbox/enqueue'
import type { EmailToQueue } from '../outbox/enqueue'
import { renderEmail } from './email'
import { notificationText } from './messages'
import type { MessageParams } from './messages'
import { loadRecipients } from './recipients'
import type { Recipient } from './recipients'
import { publishNotification } from './live'

export interface NotifyInput {
  userId: number
  kind: Exclude<NotificationKind, 'daily_digest'>
  params: MessageParams
  link?: string | null
  leadId?: number | null
  /** When set, the notification (and its e-mail) exists once however often this is called. */
  dedupeKey?: string
}

/**
 * Tell users about something, in the caller's transaction: an in-app notification and/or an
 * e-mail through the outbox, each as the user chose in their profile, in their language.
 * Inactive users get nothing. Returns the number of in-app notifications written.
 */
export async function notify(db: DbOrTx, inputs: NotifyInput[], known?: Map<number, Recipient>): Promise<number> {
  if (!inputs.length) return 0
  const recipients = known ?? await loadRecipients(db, inputs.map(i => i.userId))
  const rows: (typeof notifications.$inferInsert)[] = []
  const emails: EmailToQueue[] = []
  for (const input of inputs) {
    const user = recipients.get(input.userId)
    if (!user?.active) continue
    const text = notificationText(input.kind, input.params, user.locale)
    const pref = user.prefs[input.kind]
    if (pref.inApp) {
      rows.push({ userId: user.id, type: input.kind, title: text.title, body: text.body, link: input.link ?? null, leadId: input.leadId ?? null, dedupeKey: input.dedupeKey ?? null })
    }
    if (pref.email) {
      emails.push({
        key: input.dedupeKey ? `email:${input.dedupeKey}` : `email:${input.kind}:${user.id}:${crypto.randomUUID()}`,
        kind: input.kind,
        userId: user.id,
        to: user.email,
        content: renderEmail({ locale: user.locale, name: user.name, title: text.title, lines: text.body ? [text.body] : [], link: input.link }),
      })
    }
  }
  await enqueueEmails(db, emails)
  if (!rows.length) return 0
  const [result] = await db.insert(notifications).ignore().values(rows)
  const written = result.affectedRows
  if (written) publishNotification(rows.map(r => r.userId))
  return written
}

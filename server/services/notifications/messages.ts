import type { NotificationKind } from '../../../shared/enums/notifications'
import { formatDateTime } from '../../../shared/utils/format'

/** What a notification says, in the recipient's language (id first, en second). */
export interface NotificationText {
  title: string
  body: string
}

export type Locale = 'id' | 'en'

export interface MessageParams {
  leadName?: string
  todoTitle?: string
  dueAt?: Date | null
  actorName?: string
  change?: string
  preview?: string
}

type Template = (p: MessageParams, locale: Locale) => NotificationText

const when = (p: MessageParams, locale: Locale) => (p.dueAt ? formatDateTime(p.dueAt, locale) : '')

const TEMPLATES: Record<Exclude<NotificationKind, 'daily_digest'>, Record<Locale, Template>> = {
  follow_up_due: {
    id: (p, l) => ({ title: `Follow-up jatuh tempo: ${p.leadName}`, body: `Follow-up untuk ${p.leadName} dijadwalkan ${when(p, l)}.` }),
    en: (p, l) => ({ title: `Follow-up due: ${p.leadName}`, body: `The follow-up for ${p.leadName} is due ${when(p, l)}.` }),
  },
  todo_due: {
    id: (p, l) => ({ title: `Pengingat tugas: ${p.todoTitle}`, body: p.dueAt ? `Jatuh tempo ${when(p, l)}.` : 'Tugas Anda perlu dikerjakan.' }),
    en: (p, l) => ({ title: `To-do reminder: ${p.todoTitle}`, body: p.dueAt ? `Due ${when(p, l)}.` : 'Your to-do needs doing.' }),
  },
  lead_assigned: {
    id: p => ({ title: `Prospek baru: ${p.leadName}`, body: p.actorName ? `${p.actorName} menugaskan prospek ini kepada Anda.` : 'Prospek ini ditugaskan kepada Anda.' }),
    en: p => ({ title: `New lead: ${p.leadName}`, body: p.actorName ? `${p.actorName} assigned this lead to you.` : 'This lead was assigned to you.' }),
  },
  lead_changed: {
    id: p => ({ title: `Prospek diubah: ${p.leadName}`, body: `${p.actorName ?? 'Seseorang'} mengubah ${p.change ?? 'data prospek'}.` }),
    en: p => ({ title: `Lead changed: ${p.leadName}`, body: `${p.actorName ?? 'Someone'} changed ${p.change ?? 'the lead'}.` }),
  },
  whatsapp_message: {
    id: p => ({ title: `Pesan WhatsApp dari ${p.leadName}`, body: p.preview ?? '' }),
    en: p => ({ title: `WhatsApp message from ${p.leadName}`, body: p.preview ?? '' }),
  },
}

export function notificationText(kind: Exclude<NotificationKind, 'daily_digest'>, params: MessageParams, locale: string): NotificationText {
  const l: Locale = locale === 'en' ? 'en' : 'id'
  const text = TEMPLATES[kind][l](params, l)
  return { title: text.title.slice(0, 200), body: text.body }
}

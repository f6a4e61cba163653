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
  /** What changed on a lead: field names ('stageId', 'school' ...) or 'activity:<type>'. */
  changes?: string[]
  preview?: string
}

type Template = (p: MessageParams, locale: Locale) => NotificationText

const when = (p: MessageParams, locale: Locale) => (p.dueAt ? formatDateTime(p.dueAt, locale) : '')

/** Lead fields and activity types as a notification names them. */
const CHANGE_LABELS: Record<Locale, Record<string, string>> = {
  id: {
    'studentName': 'nama siswa', 'parentName': 'nama orang tua', 'school': 'sekolah', 'grade': 'kelas', 'city': 'kota',
    'whatsapp': 'nomor WhatsApp', 'phoneEnc': 'nomor WhatsApp', 'email': 'e-mail', 'channelId': 'kanal', 'programId': 'program',
    'stageId': 'tahap', 'expectedValue': 'nilai', 'expectedCloseOn': 'perkiraan closing', 'notes': 'catatan', 'followUpStatus': 'status tindak lanjut',
    'nextFollowUpAt': 'jadwal tindak lanjut', 'lostReason': 'alasan kalah', 'utm': 'UTM',
    'activity:call': 'telepon', 'activity:chat': 'chat', 'activity:meeting': 'pertemuan', 'activity:note': 'catatan',
  },
  en: {
    'studentName': 'the student name', 'parentName': 'the parent name', 'school': 'the school', 'grade': 'the grade', 'city': 'the city',
    'whatsapp': 'the WhatsApp number', 'phoneEnc': 'the WhatsApp number', 'email': 'the e-mail', 'channelId': 'the channel', 'programId': 'the program',
    'stageId': 'the stage', 'expectedValue': 'the value', 'expectedCloseOn': 'the expected close date', 'notes': 'the notes', 'followUpStatus': 'the follow-up status',
    'nextFollowUpAt': 'the follow-up time', 'lostReason': 'the lost reason', 'utm': 'UTM',
    'activity:call': 'a call', 'activity:chat': 'a chat', 'activity:meeting': 'a meeting', 'activity:note': 'a note',
  },
}

const VERBS: Record<Locale, { changed: string, logged: string, and: string, lead: string }> = {
  id: { changed: 'mengubah', logged: 'mencatat aktivitas baru:', and: 'dan', lead: 'mengubah data prospek' },
  en: { changed: 'changed', logged: 'logged', and: 'and', lead: 'changed the lead' },
}

/** 'mengubah sekolah, tahap' / 'logged a call' / 'changed the stage and logged a note'. */
function changeText(p: MessageParams, locale: Locale): string {
  const v = VERBS[locale]
  const label = (c: string) => CHANGE_LABELS[locale][c.startsWith('utm') ? 'utm' : c] ?? c
  const fields = [...new Set((p.changes ?? []).filter(c => !c.startsWith('activity:')).map(label))]
  const activities = [...new Set((p.changes ?? []).filter(c => c.startsWith('activity:')).map(label))]
  const parts = [
    ...(fields.length ? [`${v.changed} ${fields.join(', ')}`] : []),
    ...(activities.length ? [`${v.logged} ${activities.join(', ')}`] : []),
  ]
  return parts.length ? parts.join(` ${v.and} `) : v.lead
}

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
    id: (p, l) => ({ title: `Prospek diubah: ${p.leadName}`, body: `${p.actorName ?? 'Seseorang'} ${changeText(p, l)}.` }),
    en: (p, l) => ({ title: `Lead changed: ${p.leadName}`, body: `${p.actorName ?? 'Someone'} ${changeText(p, l)}.` }),
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

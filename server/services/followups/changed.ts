import type { Lead } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { notify } from '../notifications/notify'

/** Field names as the notification says them (in Bahasa Indonesia, the team's language). */
const FIELD_LABELS: Record<string, string> = {
  studentName: 'nama siswa', parentName: 'nama orang tua', school: 'sekolah', grade: 'kelas', city: 'kota',
  whatsapp: 'nomor WhatsApp', phoneEnc: 'nomor WhatsApp', email: 'e-mail', channelId: 'kanal', programId: 'program',
  stageId: 'tahap', expectedValue: 'nilai', notes: 'catatan', followUpStatus: 'status tindak lanjut',
  nextFollowUpAt: 'jadwal tindak lanjut', lostReason: 'alasan kalah',
  utmSource: 'UTM', utmMedium: 'UTM', utmCampaign: 'UTM', utmContent: 'UTM', utmTerm: 'UTM',
}
// A new assignee hears through lead_assigned; taking a lead away is not announced (see the assignment tests).
const QUIET = new Set(['updatedAt', 'closedAt', 'phoneBidx', 'phoneLast4', 'lastActivityAt', 'assignedTo'])

/** The columns whose stored value differs between two versions of a row. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T): string[] {
  return Object.keys(after).filter((k) => {
    const a = before[k]
    const b = after[k]
    return a instanceof Date || b instanceof Date ? (a as Date | null)?.getTime() !== (b as Date | null)?.getTime() : JSON.stringify(a) !== JSON.stringify(b)
  })
}

/** 'tahap, sekolah': what changed, for the `change` of a lead_changed notification. */
export function describeChange(fields: string[]): string {
  return [...new Set(fields.filter(f => !QUIET.has(f)).map(f => FIELD_LABELS[f] ?? f))].join(', ')
}

/**
 * "A lead of yours was changed by someone else": tell each lead's assignee (as it was before the change) when
 * the actor is somebody else, in the caller's transaction. Unassigned leads and one's own changes are no news.
 */
export async function notifyLeadChanged(
  tx: DbOrTx,
  actor: { id: number, name: string } | null,
  rows: Pick<Lead, 'id' | 'studentName' | 'assignedTo'>[],
  change: string,
): Promise<void> {
  if (!change) return
  const inputs = rows.filter(r => r.assignedTo && r.assignedTo !== actor?.id).map(r => ({
    userId: r.assignedTo!,
    kind: 'lead_changed' as const,
    params: { leadName: r.studentName, actorName: actor?.name, change },
    link: `/leads/${r.id}`,
    leadId: r.id,
  }))
  await notify(tx, inputs)
}

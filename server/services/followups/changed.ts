import type { Lead } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { notify } from '../notifications/notify'

// A new assignee hears through lead_assigned; taking a lead away is not announced (see the assignment tests).
const QUIET = new Set(['updatedAt', 'closedAt', 'stagesReached', 'stageEnteredAt', 'enrolledAmount', 'closeSecs', 'closeBucket', 'firstActivityAt', 'firstResponseHour', 'phoneBidx', 'phoneLast4', 'lastActivityAt', 'assignedTo'])

/** The columns whose stored value differs between two versions of a row. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T): string[] {
  return Object.keys(after).filter((k) => {
    const a = before[k]
    const b = after[k]
    return a instanceof Date || b instanceof Date ? (a as Date | null)?.getTime() !== (b as Date | null)?.getTime() : JSON.stringify(a) !== JSON.stringify(b)
  })
}

/** What changed, as the codes a lead_changed notification names (in each recipient's language): fields, or 'activity:<type>'. */
export function describeChange(fields: string[]): string[] {
  return [...new Set(fields.filter(f => !QUIET.has(f)))]
}

/**
 * "A lead of yours was changed by someone else": tell each lead's assignee (as it was before the change) when
 * the actor is somebody else, in the caller's transaction. Unassigned leads and one's own changes are no news.
 */
export async function notifyLeadChanged(
  tx: DbOrTx,
  actor: { id: number, name: string } | null,
  rows: Pick<Lead, 'id' | 'studentName' | 'assignedTo'>[],
  changes: string[],
): Promise<void> {
  if (!changes.length) return
  const inputs = rows.filter(r => r.assignedTo && r.assignedTo !== actor?.id).map(r => ({
    userId: r.assignedTo!,
    kind: 'lead_changed' as const,
    params: { leadName: r.studentName, actorName: actor?.name, changes },
    link: `/leads/${r.id}`,
    leadId: r.id,
  }))
  await notify(tx, inputs)
}

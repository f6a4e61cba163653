import type { DbOrTx } from '../../utils/db'
import { notify } from '../notifications/notify'

/**
 * Tell an assignee about the leads just given to them (auto or by hand), in the transaction that assigned them.
 * Assigning to oneself is no news.
 */
export async function notifyAssigned(tx: DbOrTx, actorId: number | null, assigneeId: number | null | undefined, items: { id: number, studentName: string }[]): Promise<void> {
  if (!assigneeId || assigneeId === actorId || !items.length) return
  await notify(tx, items.map(lead => ({
    userId: assigneeId,
    kind: 'lead_assigned' as const,
    params: { leadName: lead.studentName },
    link: `/leads/${lead.id}`,
    leadId: lead.id,
  })))
}

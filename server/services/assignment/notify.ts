import { notifications } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'

/**
 * Tell an assignee about the leads just given to them (auto or by hand), in the transaction that assigned them.
 * Assigning to oneself is no news.
 */
export async function notifyAssigned(tx: DbOrTx, actorId: number | null, assigneeId: number | null | undefined, items: { id: number, studentName: string }[]): Promise<void> {
  if (!assigneeId || assigneeId === actorId || !items.length) return
  await tx.insert(notifications).values(items.map(lead => ({
    userId: assigneeId,
    type: 'lead_assigned',
    title: `Prospek baru: ${lead.studentName}`.slice(0, 200),
    body: 'Prospek ini ditugaskan kepada Anda.',
    link: `/leads/${lead.id}`,
  })))
}

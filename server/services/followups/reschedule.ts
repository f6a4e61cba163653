import { eq } from 'drizzle-orm'
import type { FollowUpRescheduleInput } from '../../../shared/schemas/activities'
import type { ActivityResult } from '../../../shared/types/activities'
import { leads } from '../../db/schema'
import type { Database } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { fieldErrors } from '../activities/serialize'
import { audit } from '../audit'
import type { SessionUser } from '../auth/sessions'
import { invalidateLeadCounts } from '../leads/counts'
import { lockLead } from '../leads/read'
import { notifyLeadChanged } from './changed'
import { syncFollowUpReminder } from './reminder'

/**
 * Move a lead's next follow-up to another time (status 'scheduled'), or clear it, with its reminder, its audit
 * entry and, when someone else does it, a word to the assignee. A closed lead takes no new follow-up.
 */
export async function rescheduleFollowUp(db: Database, user: SessionUser, id: number, input: FollowUpRescheduleInput, meta: RequestMeta): Promise<ActivityResult['lead']> {
  const lead = await db.transaction(async (tx) => {
    const before = await lockLead(tx, user, id)
    if (input.nextFollowUpAt && before.closedAt) throw fieldErrors([{ path: 'nextFollowUpAt', message: 'Prospek sudah ditutup: tidak ada tindak lanjut lagi' }])
    if ((before.nextFollowUpAt?.getTime() ?? null) === (input.nextFollowUpAt?.getTime() ?? null)) return before
    const set = { nextFollowUpAt: input.nextFollowUpAt, ...(input.nextFollowUpAt ? { followUpStatus: 'scheduled' as const } : {}) }
    await tx.update(leads).set({ ...set, updatedAt: new Date() }).where(eq(leads.id, id))
    const [after] = await tx.select().from(leads).where(eq(leads.id, id))
    await audit(tx, user, meta, {
      action: 'update', entity: 'lead', entityId: id,
      before: { nextFollowUpAt: before.nextFollowUpAt, followUpStatus: before.followUpStatus },
      after: { nextFollowUpAt: after!.nextFollowUpAt, followUpStatus: after!.followUpStatus },
    })
    await syncFollowUpReminder(tx, after!)
    await notifyLeadChanged(tx, user, [before], ['nextFollowUpAt'])
    return after!
  })
  invalidateLeadCounts()
  return {
    id: lead.id,
    nextFollowUpAt: lead.nextFollowUpAt?.toISOString() ?? null,
    lastActivityAt: lead.lastActivityAt?.toISOString() ?? null,
    followUpStatus: lead.followUpStatus,
    updatedAt: lead.updatedAt.toISOString(),
  }
}

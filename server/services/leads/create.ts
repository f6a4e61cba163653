import { eq } from 'drizzle-orm'
import type { LeadCreateInput } from '../../../shared/schemas/leads'
import type { LeadDetail } from '../../../shared/types/leads'
import { leads, type NewLead } from '../../db/schema'
import type { Database } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { audit } from '../audit'
import type { SessionUser } from '../auth/sessions'
import { assigneeForCreate } from './access'
import { invalidateLeadCounts } from './counts'
import { assertNoDuplicate } from './duplicates'
import { getLeadOrThrow } from './read'
import { checkReferences, defaultStage } from './references'
import { auditSnapshot, phoneColumns } from './serialize'
import { recordStageMoves, stageEffects } from './stage'

/**
 * A new lead, with its first stage-history row and an audit entry, in one transaction. Sales/CS create leads for
 * themselves; the expected value defaults to the program's price.
 */
export async function createLead(db: Database, user: SessionUser, input: LeadCreateInput, meta: RequestMeta): Promise<LeadDetail> {
  const assignedTo = assigneeForCreate(user, input.assignedTo)
  const lead = await db.transaction(async (tx) => {
    const refs = await checkReferences(tx, { channelId: input.channelId, programId: input.programId, stageId: input.stageId, assignedTo })
    const stage = refs.stage ?? await defaultStage(tx)
    const whatsapp = input.whatsapp ?? null
    if (whatsapp) await assertNoDuplicate(tx, user, whatsapp, { allowDuplicate: input.allowDuplicate })

    const now = new Date()
    const { allowDuplicate: _, whatsapp: _w, stageId: _s, ...fields } = input
    const values: NewLead = {
      ...fields,
      ...phoneColumns(whatsapp),
      stageId: stage.id,
      assignedTo,
      expectedValue: input.expectedValue ?? refs.program?.price ?? 0,
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
      // Last: a lead created already won or lost has no follow-up left, whatever the form said.
      ...stageEffects(stage, now),
    }

    const [{ id }] = await tx.insert(leads).values(values).$returningId() as [{ id: number }]
    await recordStageMoves(tx, [{ leadId: id, fromStageId: null, toStageId: stage.id }], user.id, now)
    const [row] = await tx.select().from(leads).where(eq(leads.id, id))
    await audit(tx, user, meta, { action: 'create', entity: 'lead', entityId: id, after: auditSnapshot(row!, whatsapp) })
    return getLeadOrThrow(tx, user, id)
  })
  invalidateLeadCounts()
  return lead
}

import { eq } from 'drizzle-orm'
import type { LeadCreateInput } from '../../../shared/schemas/leads'
import type { LeadDetail } from '../../../shared/types/leads'
import { can } from '../../../shared/utils/permissions'
import { leads, type NewLead } from '../../db/schema'
import type { Database, DbOrTx } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { autoAssignee, notifyAssigned } from '../assignment'
import { audit } from '../audit'
import { syncFollowUpReminder } from '../followups/reminder'
import type { SessionUser } from '../auth/sessions'
import { resolveChannel } from '../channels/utm'
import { assigneeForCreate } from './access'
import { invalidateLeadCounts } from './counts'
import { assertNoDuplicate } from './duplicates'
import { getLeadOrThrow } from './read'
import { checkReferences, defaultStage } from './references'
import { auditSnapshot, phoneColumns } from './serialize'
import { recordStageMoves, stageEffects } from './stage'

/**
 * A new lead, with its first stage-history row and an audit entry, in one transaction. Sales/CS create leads for
 * themselves; the expected value defaults to the program's price. Left without an assignee by someone who may
 * assign, the assignment settings may pick one.
 */
export async function createLead(db: Database, user: SessionUser, input: LeadCreateInput, meta: RequestMeta): Promise<LeadDetail> {
  const assignedTo = assigneeForCreate(user, input.assignedTo)
  const autoAssign = input.assignedTo === undefined && can(user.role, 'leads:assign') ? 'manual' : undefined
  const lead = await db.transaction(async (tx) => {
    const id = await insertLead(tx, user, { ...input, assignedTo }, meta, { autoAssign })
    return getLeadOrThrow(tx, user, id)
  })
  invalidateLeadCounts()
  return lead
}

export interface InsertLeadOptions {
  /** Pick an assignee when none is given: 'intake' always (when enabled), 'manual' only when the settings say so. */
  autoAssign?: 'manual' | 'intake'
  /** Extra fields for the audit entry, such as the intake site. */
  auditExtra?: Record<string, unknown>
}

/**
 * The one path that inserts a lead, for the form (an actor) and the web intake (no actor). Run it inside the
 * caller's transaction; the caller invalidates the lead counts after the commit.
 */
export async function insertLead(tx: DbOrTx, actor: SessionUser | null, input: LeadCreateInput, meta: RequestMeta, opts: InsertLeadOptions = {}): Promise<number> {
  // First, so the assignment lock is taken before anything else is read (see services/assignment/pick.ts).
  const assignedTo = input.assignedTo ?? (opts.autoAssign ? await autoAssignee(tx, opts.autoAssign) : null)
  // No channel chosen but UTM values given (landing pages, imports): the aliases decide, 'other' when none match.
  const hasUtm = !!(input.utmSource || input.utmMedium || input.utmCampaign)
  const channelId = input.channelId ?? (hasUtm ? await resolveChannel(tx, input) : input.channelId)
  const refs = await checkReferences(tx, { channelId, programId: input.programId, stageId: input.stageId, assignedTo })
  const stage = refs.stage ?? await defaultStage(tx)
  const whatsapp = input.whatsapp ?? null
  if (whatsapp && actor) await assertNoDuplicate(tx, actor, whatsapp, { allowDuplicate: input.allowDuplicate })

  const now = new Date()
  const { allowDuplicate: _, whatsapp: _w, stageId: _s, ...fields } = input
  const values: NewLead = {
    ...fields,
    ...phoneColumns(whatsapp),
    stageId: stage.id,
    channelId,
    assignedTo,
    expectedValue: input.expectedValue ?? refs.program?.price ?? 0,
    createdBy: actor?.id ?? null,
    createdAt: now,
    updatedAt: now,
    // Last: a lead created already won or lost has no follow-up left, whatever the form said.
    ...stageEffects(stage, now),
  }

  const [{ id }] = await tx.insert(leads).values(values).$returningId() as [{ id: number }]
  await recordStageMoves(tx, [{ leadId: id, fromStageId: null, toStageId: stage.id }], actor?.id ?? null, now)
  const [row] = await tx.select().from(leads).where(eq(leads.id, id))
  await audit(tx, actor, meta, { action: 'create', entity: 'lead', entityId: id, after: { ...auditSnapshot(row!, whatsapp), ...opts.auditExtra } })
  await notifyAssigned(tx, actor?.id ?? null, assignedTo, [{ id, studentName: row!.studentName }])
  if (row!.nextFollowUpAt) await syncFollowUpReminder(tx, row!)
  return id
}

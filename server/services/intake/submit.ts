import { createError } from 'h3'
import { and, asc, eq, isNull } from 'drizzle-orm'
import type { IntakeInput } from '../../../shared/schemas/intake'
import { activities, leads, notifications, programs } from '../../db/schema'
import { blindIndex } from '../../utils/crypto'
import type { Database, DbOrTx } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { lockCursor } from '../assignment'
import { audit } from '../audit'
import { invalidateLeadCounts } from '../leads/counts'
import { insertLead } from '../leads/create'
import type { IntakeSite } from './sites'

export interface IntakeResult { id: number, duplicate: boolean }

const badField = (field: string, message: string) => createError({
  statusCode: 400, statusMessage: 'Validation Error', message: 'Periksa kembali isian Anda.',
  data: { fieldErrors: { [field]: [message] }, formErrors: [] },
})

/** Landing pages know their programs by code; an id is checked later like any lead's. */
async function programFor(db: DbOrTx, input: IntakeInput): Promise<number | null | undefined> {
  if (input.programId || !input.programCode) return input.programId
  const [row] = await db.select({ id: programs.id }).from(programs).where(and(eq(programs.code, input.programCode), eq(programs.active, true)))
  if (!row) throw badField('programCode', 'Program tidak ditemukan atau tidak aktif')
  return row.id
}

function repeatNote(site: IntakeSite, input: IntakeInput): string {
  const utm = ([['utm_source', input.utmSource], ['utm_medium', input.utmMedium], ['utm_campaign', input.utmCampaign],
    ['utm_content', input.utmContent], ['utm_term', input.utmTerm]] as const).filter(([, v]) => v).map(([k, v]) => `${k}=${v}`)
  const parts = [`Mengisi formulir lagi dari ${site.name}${utm.length ? ` (${utm.join(', ')})` : ''}`]
  if (input.notes) parts.push(`Catatan: ${input.notes}`)
  return parts.join('\n')
}

async function submitOnce(db: Database, site: IntakeSite, input: IntakeInput, programId: number | null | undefined, meta: RequestMeta): Promise<IntakeResult> {
  return db.transaction(async (tx) => {
    // Intakes queue on the assignment lock before anything is read: two posts of one new number cannot both miss
    // the other's lead, and no gap lock on the phone index (a locking read of a missing number) can deadlock.
    await lockCursor(tx)
    const [existing] = await tx.select({ id: leads.id, studentName: leads.studentName, assignedTo: leads.assignedTo }).from(leads)
      .where(and(eq(leads.phoneBidx, blindIndex(input.whatsapp)), isNull(leads.deletedAt)))
      .orderBy(asc(leads.id)).limit(1)
    if (existing) {
      const now = new Date()
      await tx.insert(activities).values({ leadId: existing.id, userId: null, type: 'note', notes: repeatNote(site, input), occurredAt: now, createdAt: now, updatedAt: now })
      await tx.update(leads).set({ updatedAt: now, lastActivityAt: now }).where(eq(leads.id, existing.id))
      await audit(tx, null, meta, { action: 'intake_repeat', entity: 'lead', entityId: existing.id, after: { intakeSite: site.name } })
      // The prospect is reaching out again: whoever has the lead should hear of it now, not at the next review.
      if (existing.assignedTo) {
        await tx.insert(notifications).values({
          userId: existing.assignedTo, type: 'lead_intake_repeat', link: `/leads/${existing.id}`,
          title: `Mengisi formulir lagi: ${existing.studentName}`.slice(0, 200), body: `Dari ${site.name}`.slice(0, 1000),
        })
      }
      return { id: existing.id, duplicate: true }
    }
    const { siteKey: _k, website: _w, programCode: _p, ...fields } = input
    const id = await insertLead(tx, null, { ...fields, programId }, meta, { autoAssign: 'intake', auditExtra: { intakeSite: site.name } })
    return { id, duplicate: false }
  })
}

/**
 * A lead from a landing page. A number that already belongs to a live lead adds a note to that lead instead of a
 * duplicate; otherwise the lead is created through the same path as the form, auto-assigned, with no actor.
 */
export async function submitIntake(db: Database, site: IntakeSite, input: IntakeInput, meta: RequestMeta): Promise<IntakeResult> {
  const programId = await programFor(db, input)
  let result: IntakeResult
  try {
    result = await submitOnce(db, site, input, programId, meta)
  }
  catch (error) {
    // A deadlock with a concurrent edit of the same lead: retried once, the way MySQL asks for.
    if ((error as { errno?: number, cause?: { errno?: number } }).errno !== 1213 && (error as { cause?: { errno?: number } }).cause?.errno !== 1213) throw error
    result = await submitOnce(db, site, input, programId, meta)
  }
  if (!result.duplicate) invalidateLeadCounts()
  return result
}

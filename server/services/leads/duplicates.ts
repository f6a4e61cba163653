import { createError } from 'h3'
import { and, asc, eq, isNull, ne } from 'drizzle-orm'
import { leadScopeIsOwn } from '../../../shared/utils/permissions'
import type { CheckPhoneResponse, LeadDuplicateRef } from '../../../shared/types/leads'
import { leads } from '../../db/schema'
import { blindIndex } from '../../utils/crypto'
import type { DbOrTx } from '../../utils/db'
import type { SessionUser } from '../auth/sessions'

export interface DuplicateFinding {
  /** Another live lead has the number. */
  taken: boolean
  /** That lead, when the user may see it (Sales/CS only see their own). */
  visible: LeadDuplicateRef | null
}

/** Live leads with this WhatsApp number (E.164), found through the blind index. */
export async function findDuplicate(db: DbOrTx, user: SessionUser, e164: string, exceptId?: number): Promise<DuplicateFinding> {
  const rows = await db.select({ id: leads.id, studentName: leads.studentName, assignedTo: leads.assignedTo })
    .from(leads)
    .where(and(eq(leads.phoneBidx, blindIndex(e164)), isNull(leads.deletedAt), exceptId ? ne(leads.id, exceptId) : undefined))
    .orderBy(asc(leads.id))
    .limit(20)
  if (!rows.length) return { taken: false, visible: null }
  const seen = leadScopeIsOwn(user.role) ? rows.find(r => r.assignedTo === user.id) : rows[0]
  return { taken: true, visible: seen ? { id: seen.id, studentName: seen.studentName } : null }
}

/** 409 with the field error the form shows, unless the user chose to save the duplicate. */
export async function assertNoDuplicate(db: DbOrTx, user: SessionUser, e164: string, opts: { allowDuplicate?: boolean, exceptId?: number }): Promise<void> {
  if (opts.allowDuplicate) return
  const { taken, visible } = await findDuplicate(db, user, e164, opts.exceptId)
  if (!taken) return
  const message = visible ? `Nomor sudah dimiliki ${visible.studentName}` : 'Nomor sudah dimiliki prospek lain'
  throw createError({
    statusCode: 409,
    statusMessage: 'Conflict',
    message,
    data: { fieldErrors: { whatsapp: [message] }, duplicate: visible },
  })
}

/** The form's live hint: is this number already someone's? */
export async function checkPhone(db: DbOrTx, user: SessionUser, e164: string, exceptId?: number): Promise<CheckPhoneResponse> {
  const { taken, visible } = await findDuplicate(db, user, e164, exceptId)
  return { normalized: e164, duplicate: visible, taken }
}

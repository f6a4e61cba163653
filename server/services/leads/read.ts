import { and, eq } from 'drizzle-orm'
import type { LeadDetail } from '../../../shared/types/leads'
import { leads, type Lead } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { leadScope } from '../../utils/scope'
import { notFound } from '../../utils/validation'
import type { SessionUser } from '../auth/sessions'
import { selectLeads, toDetail } from './serialize'

export type { LeadDetail }

/** One lead, within the user's scope, with its number decrypted. Null when missing or out of scope. */
export async function getLead(db: DbOrTx, user: SessionUser, id: number): Promise<LeadDetail | null> {
  const [row] = await selectLeads(db).where(and(eq(leads.id, id), leadScope(user))).limit(1)
  return row ? toDetail(row) : null
}

/** The same as getLead, but a 404 instead of null: for answering after a change. */
export async function getLeadOrThrow(db: DbOrTx, user: SessionUser, id: number): Promise<LeadDetail> {
  const lead = await getLead(db, user, id)
  if (!lead) throw leadNotFound()
  return lead
}

export const leadNotFound = () => notFound('Prospek tidak ditemukan.')

/**
 * The stored row of a live lead in the user's scope, locked for the rest of the transaction so two edits of
 * one lead cannot interleave. Out of scope or missing is a 404.
 */
export async function lockLead(tx: DbOrTx, user: SessionUser, id: number, opts: { deleted?: boolean } = {}): Promise<Lead> {
  const where = opts.deleted
    ? and(eq(leads.id, id), leadScope(user, { withDeleted: true }))
    : and(eq(leads.id, id), leadScope(user))
  const [row] = await tx.select().from(leads).where(where).limit(1).for('update')
  if (!row || (opts.deleted && !row.deletedAt)) throw leadNotFound()
  return row
}

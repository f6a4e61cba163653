import { eq, inArray } from 'drizzle-orm'
import { alias } from 'drizzle-orm/mysql-core'
import { formatPhoneId } from '../../../shared/utils/phone'
import type { LeadDetail, LeadListItem, LeadTrashItem } from '../../../shared/types/leads'
import { channels, leads, pipelineStages, programs, users, type Lead, type NewLead } from '../../db/schema'
import { blindIndex, encryptField } from '../../utils/crypto'
import type { DbOrTx } from '../../utils/db'
import { decryptPhone } from './phone-memo'
import { inIdOrder } from '../../utils/id-order'

const creator = alias(users, 'creator')
const deleter = alias(users, 'deleter')

const selection = {
  lead: leads,
  channel: { id: channels.id, name: channels.name, sourceType: channels.sourceType },
  program: { id: programs.id, name: programs.name },
  stage: { id: pipelineStages.id, code: pipelineStages.code, name: pipelineStages.name, kind: pipelineStages.kind, probability: pipelineStages.probability },
  assignee: { id: users.id, name: users.name },
  creator: { id: creator.id, name: creator.name },
  deleter: { id: deleter.id, name: deleter.name },
}

/** Leads with their channel, program, stage and people; add the WHERE. */
export function selectLeads(db: DbOrTx) {
  return db.select(selection)
    .from(leads)
    .innerJoin(pipelineStages, eq(pipelineStages.id, leads.stageId))
    .leftJoin(channels, eq(channels.id, leads.channelId))
    .leftJoin(programs, eq(programs.id, leads.programId))
    .leftJoin(users, eq(users.id, leads.assignedTo))
    .leftJoin(creator, eq(creator.id, leads.createdBy))
    .leftJoin(deleter, eq(deleter.id, leads.deletedBy))
}

export type LeadRow = Awaited<ReturnType<ReturnType<typeof selectLeads>['execute']>>[number]

/** The rows for a page of ids, in the order of the ids. */
export async function loadLeadRows(db: DbOrTx, ids: number[]): Promise<LeadRow[]> {
  if (!ids.length) return []
  const rows = await selectLeads(db).where(inArray(leads.id, ids))
  return inIdOrder(ids, rows, r => r.lead.id)
}

/** The stored number in E.164, or null. A value that cannot be decrypted (a retired key) reads as missing. */
export function leadPhone(lead: Pick<Lead, 'id' | 'phoneEnc'>): string | null {
  if (!lead.phoneEnc) return null
  try {
    return decryptPhone(lead.phoneEnc)
  }
  catch {
    console.error(`lead ${lead.id}: the WhatsApp number cannot be decrypted with the configured keys`)
    return null
  }
}

/** The columns that hold a WhatsApp number (E.164): ciphertext, blind index and the last four digits in clear. */
export function phoneColumns(e164: string | null): Pick<NewLead, 'phoneEnc' | 'phoneBidx' | 'phoneLast4'> {
  return e164
    ? { phoneEnc: encryptField(e164), phoneBidx: blindIndex(e164), phoneLast4: e164.slice(-4) }
    : { phoneEnc: null, phoneBidx: null, phoneLast4: null }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null)

export function toListItem(row: LeadRow): LeadListItem {
  const l = row.lead
  const phone = leadPhone(l)
  return {
    id: l.id,
    studentName: l.studentName,
    parentName: l.parentName,
    school: l.school,
    grade: l.grade,
    city: l.city,
    whatsapp: phone ? formatPhoneId(phone) : null,
    email: l.email,
    channel: row.channel,
    program: row.program,
    stage: row.stage,
    followUpStatus: l.followUpStatus,
    assignedTo: row.assignee,
    expectedValue: l.expectedValue,
    nextFollowUpAt: iso(l.nextFollowUpAt),
    lastActivityAt: iso(l.lastActivityAt),
    createdAt: l.createdAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
  }
}

export function toDetail(row: LeadRow): LeadDetail {
  const l = row.lead
  return {
    ...toListItem(row),
    phone: leadPhone(l),
    utmSource: l.utmSource,
    utmMedium: l.utmMedium,
    utmCampaign: l.utmCampaign,
    utmContent: l.utmContent,
    utmTerm: l.utmTerm,
    lostReason: l.lostReason,
    closedAt: iso(l.closedAt),
    expectedCloseOn: l.expectedCloseOn,
    notes: l.notes,
    createdBy: row.creator,
  }
}

export function toTrashItem(row: LeadRow): LeadTrashItem {
  return { ...toListItem(row), deletedAt: row.lead.deletedAt!.toISOString(), deletedBy: row.deleter }
}

/**
 * A lead as the audit trail keeps it: the number as `whatsapp` in E.164 (the audit helper masks it to its last
 * four digits), never the ciphertext or the blind index.
 */
export function auditSnapshot(lead: Lead, phone = leadPhone(lead)): Record<string, unknown> {
  const { phoneEnc: _enc, phoneBidx: _bidx, phoneLast4: _last4, ...rest } = lead
  return { ...rest, whatsapp: phone }
}

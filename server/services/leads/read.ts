import { and, eq } from 'drizzle-orm'
import { channels, leads, pipelineStages, programs, users } from '../../db/schema'
import { decryptField } from '../../utils/crypto'
import type { DbOrTx } from '../../utils/db'
import { leadScope } from '../../utils/scope'
import type { SessionUser } from '../auth/sessions'

export interface LeadDetail {
  id: number
  studentName: string
  parentName: string | null
  school: string | null
  grade: string | null
  phone: string | null
  email: string | null
  channel: { id: number, name: string } | null
  program: { id: number, name: string } | null
  stage: { id: number, code: string, name: string, kind: string }
  followUpStatus: string
  assignedTo: { id: number, name: string } | null
  expectedValue: number
  utm: { source: string | null, medium: string | null, campaign: string | null, content: string | null, term: string | null }
  nextFollowUpAt: Date | null
  lastActivityAt: Date | null
  lostReason: string | null
  closedAt: Date | null
  notes: string | null
  createdAt: Date
  updatedAt: Date
}

/** One lead, within the user's scope, with its number decrypted. Null when missing or out of scope. */
export async function getLead(db: DbOrTx, user: SessionUser, id: number): Promise<LeadDetail | null> {
  const [row] = await db
    .select({
      lead: leads,
      channel: { id: channels.id, name: channels.name },
      program: { id: programs.id, name: programs.name },
      stage: { id: pipelineStages.id, code: pipelineStages.code, name: pipelineStages.name, kind: pipelineStages.kind },
      assignee: { id: users.id, name: users.name },
    })
    .from(leads)
    .innerJoin(pipelineStages, eq(pipelineStages.id, leads.stageId))
    .leftJoin(channels, eq(channels.id, leads.channelId))
    .leftJoin(programs, eq(programs.id, leads.programId))
    .leftJoin(users, eq(users.id, leads.assignedTo))
    .where(and(eq(leads.id, id), leadScope(user)))
    .limit(1)
  if (!row) return null
  const l = row.lead
  return {
    id: l.id,
    studentName: l.studentName,
    parentName: l.parentName,
    school: l.school,
    grade: l.grade,
    phone: l.phoneEnc ? decryptField(l.phoneEnc) : null,
    email: l.email,
    channel: row.channel,
    program: row.program,
    stage: row.stage,
    followUpStatus: l.followUpStatus,
    assignedTo: row.assignee,
    expectedValue: l.expectedValue,
    utm: { source: l.utmSource, medium: l.utmMedium, campaign: l.utmCampaign, content: l.utmContent, term: l.utmTerm },
    nextFollowUpAt: l.nextFollowUpAt,
    lastActivityAt: l.lastActivityAt,
    lostReason: l.lostReason,
    closedAt: l.closedAt,
    notes: l.notes,
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
  }
}

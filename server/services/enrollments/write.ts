import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { EnrollmentCreateInput, EnrollmentUpdateInput } from '../../../shared/schemas/enrollments'
import type { EnrollmentDto } from '../../../shared/types/reports'
import { enrollments, leads, programs, type Enrollment, type Lead } from '../../db/schema'
import type { Database, DbOrTx } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { validationError } from '../../utils/validation'
import { audit } from '../audit'
import type { SessionUser } from '../auth/sessions'
import { lockLead } from '../leads/read'
import { enrollmentScope } from '../reports/actuals'
import { enrollmentNotFound, getEnrollment } from './list'

export interface NewEnrollment { programId: number, amount: number, enrolledAt: Date }

const snapshot = (e: Enrollment) => ({
  leadId: e.leadId, programId: e.programId, amount: e.amount, enrolledAt: e.enrolledAt,
  userId: e.userId, channelId: e.channelId, status: e.status,
})

/**
 * The one way an enrolment is written, from the pipeline's won move and from the lead page alike: credited to
 * the lead's assignee (or whoever records it when nobody is), on the lead's channel, audited in the same transaction.
 */
export async function insertEnrollment(
  tx: DbOrTx, actor: SessionUser, meta: RequestMeta,
  lead: Pick<Lead, 'id' | 'assignedTo' | 'channelId'>, input: NewEnrollment,
): Promise<number> {
  const [row] = await tx.insert(enrollments).values({
    leadId: lead.id,
    programId: input.programId,
    amount: input.amount,
    enrolledAt: input.enrolledAt,
    userId: lead.assignedTo ?? actor.id,
    channelId: lead.channelId,
  }).$returningId()
  const id = row!.id
  const [created] = await tx.select().from(enrollments).where(eq(enrollments.id, id))
  await audit(tx, actor, meta, { action: 'create', entity: 'enrollment', entityId: id, after: snapshot(created!) })
  return id
}

/** An enrolment recorded on the lead page: the lead must be in the user's scope (404 otherwise), the program must exist. */
export async function createEnrollment(db: Database, user: SessionUser, input: EnrollmentCreateInput, meta: RequestMeta): Promise<EnrollmentDto> {
  return db.transaction(async (tx) => {
    const lead = await lockLead(tx, user, input.leadId)
    const [program] = await tx.select({ id: programs.id }).from(programs).where(eq(programs.id, input.programId)).limit(1)
    if (!program)
      throw validationError(new z.ZodError([{ code: 'custom', path: ['programId'], message: 'Program tidak ditemukan', input: input.programId }]))
    const id = await insertEnrollment(tx, user, meta, lead, input)
    return getEnrollment(tx, user, id)
  })
}

/** Cancel an enrolment: it stays on record but no longer counts as revenue or a student. */
export async function updateEnrollment(db: Database, user: SessionUser, id: number, input: EnrollmentUpdateInput, meta: RequestMeta): Promise<EnrollmentDto> {
  return db.transaction(async (tx) => {
    const [found] = await tx.select({ row: enrollments }).from(enrollments)
      .innerJoin(leads, eq(leads.id, enrollments.leadId))
      .where(and(eq(enrollments.id, id), enrollmentScope(user)))
      .limit(1).for('update')
    if (!found) throw enrollmentNotFound()
    const before = found.row
    if (before.status !== input.status) {
      await tx.update(enrollments).set({ status: input.status }).where(eq(enrollments.id, id))
      await audit(tx, user, meta, { action: 'cancel', entity: 'enrollment', entityId: id, before: snapshot(before), after: snapshot({ ...before, status: input.status }) })
    }
    return getEnrollment(tx, user, id)
  })
}

import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm'
import type { EnrollmentListQuery } from '../../../shared/schemas/enrollments'
import type { EnrollmentDto, EnrollmentListResponse } from '../../../shared/types/reports'
import { addDays, jakartaInstant } from '../../../shared/utils/jakarta'
import { leadScopeIsOwn } from '../../../shared/utils/permissions'
import { monthRange } from '../../../shared/utils/months'
import { channels, enrollments, leads, programs, users } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { notFound } from '../../utils/validation'
import type { SessionUser } from '../auth/sessions'
import { enrollmentScope } from '../reports/actuals'
import { inIdOrder } from '../../utils/id-order'

export const enrollmentNotFound = () => notFound('Pendaftaran tidak ditemukan.')

function select(db: DbOrTx) {
  return db.select({
    id: enrollments.id,
    leadId: leads.id,
    studentName: leads.studentName,
    programId: programs.id,
    programName: programs.name,
    channelId: channels.id,
    channelName: channels.name,
    userId: users.id,
    userName: users.name,
    amount: enrollments.amount,
    enrolledAt: enrollments.enrolledAt,
    status: enrollments.status,
  }).from(enrollments)
    .innerJoin(leads, eq(leads.id, enrollments.leadId))
    .innerJoin(programs, eq(programs.id, enrollments.programId))
    .leftJoin(channels, eq(channels.id, enrollments.channelId))
    .leftJoin(users, eq(users.id, enrollments.userId))
}

type Row = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number]

function toDto(r: Row): EnrollmentDto {
  return {
    id: r.id,
    lead: { id: r.leadId, studentName: r.studentName },
    program: { id: r.programId, name: r.programName },
    channel: r.channelId ? { id: r.channelId, name: r.channelName! } : null,
    user: r.userId ? { id: r.userId, name: r.userName! } : null,
    amount: r.amount,
    enrolledAt: r.enrolledAt.toISOString(),
    status: r.status,
  }
}

/**
 * A Sales/CS user's enrolments (credited to them, or of a lead assigned to them) without joining the lead: their lead
 * ids are read once from the assignee index (a materialized subquery), where a join would read the lead of every
 * enrolment matched (4 s for the all-time totals at 1M leads, against 0.2 s). The same rows as enrollmentScope.
 */
function listScope(db: DbOrTx, user: SessionUser): SQL | undefined {
  if (!leadScopeIsOwn(user.role)) return undefined
  return or(eq(enrollments.userId, user.id), inArray(enrollments.leadId, db.select({ id: leads.id }).from(leads).where(eq(leads.assignedTo, user.id))))
}

/** The WHERE of the list: the user's scope plus the filters. A Jakarta month wins over a day range. */
function filters(db: DbOrTx, user: SessionUser, q: EnrollmentListQuery): SQL | undefined {
  const where: (SQL | undefined)[] = [listScope(db, user)]
  if (q.month) {
    const [from, to] = monthRange(q.month)
    where.push(gte(enrollments.enrolledAt, from), lt(enrollments.enrolledAt, to))
  }
  else {
    if (q.from) where.push(gte(enrollments.enrolledAt, jakartaInstant(q.from)))
    if (q.to) where.push(lt(enrollments.enrolledAt, jakartaInstant(addDays(q.to, 1))))
  }
  if (q.programId) where.push(eq(enrollments.programId, q.programId))
  if (q.channelId) where.push(eq(enrollments.channelId, q.channelId))
  if (q.userId) where.push(eq(enrollments.userId, q.userId))
  if (q.leadId) where.push(eq(enrollments.leadId, q.leadId))
  if (q.status !== 'all') where.push(eq(enrollments.status, q.status))
  return and(...where)
}

/**
 * Newest first, a page at a time, with the count and the Rupiah sum of everything the filters match. The page's
 * ids come first, from enrolments alone, walking an (enrolled_at, id) index backwards; the names are joined for
 * those ids only. Joined from the start, the
 * optimizer began at the programs and sorted every enrolment matched: 13 s for the unfiltered list at 1M leads.
 */
export async function listEnrollments(db: DbOrTx, user: SessionUser, q: EnrollmentListQuery): Promise<EnrollmentListResponse> {
  const where = filters(db, user, q)
  const [ids, [totals]] = await Promise.all([
    db.select({ id: enrollments.id }).from(enrollments).where(where).orderBy(desc(enrollments.enrolledAt), desc(enrollments.id))
      .limit(q.pageSize).offset((q.page - 1) * q.pageSize).then(r => r.map(x => x.id)),
    db.select({ count: sql<number>`COUNT(*)`, amount: sql<string>`COALESCE(SUM(${enrollments.amount}), 0)` }).from(enrollments).where(where),
  ])
  const rows = ids.length ? await select(db).where(inArray(enrollments.id, ids)) : []
  const count = Number(totals?.count ?? 0)
  return { items: inIdOrder(ids, rows, r => r.id).map(toDto), total: count, totals: { count, amount: Number(totals?.amount ?? 0) } }
}

export async function getEnrollment(db: DbOrTx, user: SessionUser, id: number): Promise<EnrollmentDto> {
  const [row] = await select(db).where(and(eq(enrollments.id, id), enrollmentScope(user))).limit(1)
  if (!row) throw enrollmentNotFound()
  return toDto(row)
}

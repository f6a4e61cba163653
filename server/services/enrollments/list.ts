import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm'
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

/** The WHERE of the list: the user's scope plus the filters. A Jakarta month wins over a day range. */
function filters(user: SessionUser, q: EnrollmentListQuery): SQL {
  const where: (SQL | undefined)[] = [enrollmentScope(user)]
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
  return and(...where)!
}

/** Newest first, a page at a time, with the count and the Rupiah sum of everything the filters match. */
export async function listEnrollments(db: DbOrTx, user: SessionUser, q: EnrollmentListQuery): Promise<EnrollmentListResponse> {
  const where = filters(user, q)
  const totalsOf = db.select({ count: sql<number>`COUNT(*)`, amount: sql<string>`COALESCE(SUM(${enrollments.amount}), 0)` })
    .from(enrollments).$dynamic()
  const [rows, [totals]] = await Promise.all([
    select(db).where(where).orderBy(desc(enrollments.enrolledAt), desc(enrollments.id))
      .limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    // The lead is joined only when a Sales/CS user's scope needs it: otherwise a primary-key read per enrolment
    // matched (most of a second for a month at 1M leads) for nothing.
    (leadScopeIsOwn(user.role) ? totalsOf.innerJoin(leads, eq(leads.id, enrollments.leadId)) : totalsOf).where(where),
  ])
  const count = Number(totals?.count ?? 0)
  return { items: rows.map(toDto), total: count, totals: { count, amount: Number(totals?.amount ?? 0) } }
}

export async function getEnrollment(db: DbOrTx, user: SessionUser, id: number): Promise<EnrollmentDto> {
  const [row] = await select(db).where(and(eq(enrollments.id, id), enrollmentScope(user))).limit(1)
  if (!row) throw enrollmentNotFound()
  return toDto(row)
}

import { and, count, sum } from 'drizzle-orm'
import type { ReportQuery } from '../../../shared/schemas/reports'
import type { ProgramsData, ProgramsRow } from '../../../shared/types/report-programs'
import { percent } from '../../../shared/utils/figures'
import { enrollments, programs } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import {
  asFigure, closingStages, jakartaMonthOf, loadChannelInfo, metricOf, periodRange, sumTallies, tallyOver,
  targetsOver, enrolmentCohort, type Tally,
} from './cohort'
import { factIn, facts, factsCohort, leadSum, leadSumIn } from './lead-facts'
import type { ReportViewer } from './scope'

const num = (v: unknown) => Number(v ?? 0)

/**
 * Program achievement over a period: per program, real students and revenue (active enrolments, by the
 * enrolment's program and date) against the sum of the program's monthly targets, and the leads created in the
 * period with that program of interest with how many of them are won now.
 *
 * A channel or person filter narrows the real figures (the enrolment's channel or the person credited; the
 * lead's channel or assignee) but per-program targets cannot be split that way, so they become null; the same
 * for a Sales/CS user, who sees the enrolments credited to them and their own leads.
 */
export async function programsReport(db: DbOrTx, viewer: ReportViewer, q: ReportQuery<'programs'>): Promise<ProgramsData> {
  const range = periodRange(q.from, q.to)
  const withTargets = viewer.ownerId == null && !q.channelId && !q.userId
  const month = jakartaMonthOf(enrollments.enrolledAt)
  const [stages, channelList] = await Promise.all([closingStages(db), loadChannelInfo(db)])

  const programList = await db.select({ id: programs.id, code: programs.code, name: programs.name, active: programs.active }).from(programs)
  // The interested leads, and how many of them are won now, from the month facts.
  const [enrolled, interested, targetMap] = await Promise.all([
    db.select({ programId: enrollments.programId, month, students: count(), revenue: sum(enrollments.amount) })
      .from(enrollments).where(enrolmentCohort(range, q, viewer))
      .groupBy(enrollments.programId, month),
    db.select({ programId: facts.programId, leads: leadSum(), won: leadSumIn(stages.won) })
      .from(facts).where(and(factsCohort(q.from, q.to, q, viewer, channelList), factIn(facts.programId, programList.map(p => p.id))))
      .groupBy(facts.programId),
    withTargets ? targetsOver(db, 'program', q.from, q.to) : Promise.resolve(new Map()),
  ])

  // Real students and revenue per program, month by month (a target is weighed against its own months).
  const students = new Map<number, Map<string, number>>()
  const revenue = new Map<number, Map<string, number>>()
  for (const r of enrolled) {
    students.set(r.programId, (students.get(r.programId) ?? new Map()).set(r.month, num(r.students)))
    revenue.set(r.programId, (revenue.get(r.programId) ?? new Map()).set(r.month, num(r.revenue)))
  }
  const leadsOf = new Map(interested.map(r => [r.programId, { leads: num(r.leads), won: num(r.won) }]))

  const tallies: { row: ProgramsRow, students: Tally, revenue: Tally }[] = []
  for (const p of programList) {
    const targetMonths = targetMap.get(p.id)
    const s = tallyOver(students.get(p.id), metricOf(targetMonths, 'students'))
    const r = tallyOver(revenue.get(p.id), metricOf(targetMonths, 'revenue'))
    const l = leadsOf.get(p.id) ?? { leads: 0, won: 0 }
    if (!targetMonths && !s.real && !r.real && !l.leads) continue
    tallies.push({
      students: s,
      revenue: r,
      row: {
        programId: p.id, code: p.code, name: p.name, active: p.active,
        students: asFigure(s),
        ...(viewer.money ? { revenue: asFigure(r) } : {}),
        leads: l.leads, won: l.won, conversion: percent(l.won, l.leads),
      },
    })
  }
  const key = (t: typeof tallies[number]) => (viewer.money ? t.revenue.real : 0)
  tallies.sort((a, b) => key(b) - key(a) || b.students.real - a.students.real || b.row.leads - a.row.leads || a.row.name.localeCompare(b.row.name))

  const rows = tallies.map(t => t.row)
  const totalLeads = rows.reduce((n, r) => n + r.leads, 0)
  const totalWon = rows.reduce((n, r) => n + r.won, 0)
  return {
    targets: withTargets,
    rows,
    totals: {
      students: asFigure(sumTallies(tallies.map(t => t.students))),
      ...(viewer.money ? { revenue: asFigure(sumTallies(tallies.map(t => t.revenue))) } : {}),
      leads: totalLeads,
      won: totalWon,
      conversion: percent(totalWon, totalLeads),
    },
  }
}

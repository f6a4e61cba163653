import { and, eq, gte, lte } from 'drizzle-orm'
import type { TargetScope } from '../../../shared/enums/catalog'
import type { ReportQuery } from '../../../shared/schemas/reports'
import type { TargetVsRealData, TargetVsRealMonth } from '../../../shared/types/report-target-vs-real'
import type { TargetFigure } from '../../../shared/types/reports'
import { percent } from '../../../shared/utils/figures'
import { shiftMonth } from '../../../shared/utils/months'
import { channels, programs, targets, users } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { monthActuals } from './actuals'
import type { ReportViewer } from './scope'

type Metric = 'leads' | 'students' | 'revenue'

/** The months from `from` to `to`, inclusive. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = []
  for (let m = from; m <= to; m = shiftMonth(m, 1)) out.push(m)
  return out
}

/** Which target scope a query asks for; a Sales/CS user always gets their own. */
function dimensionOf(q: ReportQuery<'target-vs-real'>, viewer: ReportViewer): { scope: TargetScope, id: number } {
  if (viewer.ownerId != null) return { scope: 'user', id: viewer.ownerId }
  if (q.programId) return { scope: 'program', id: q.programId }
  if (q.channelId) return { scope: 'channel', id: q.channelId }
  if (q.userId) return { scope: 'user', id: q.userId }
  return { scope: 'overall', id: 0 }
}

async function nameOf(db: DbOrTx, scope: TargetScope, id: number): Promise<string | null> {
  const table = scope === 'program' ? programs : scope === 'channel' ? channels : scope === 'user' ? users : null
  if (!table) return null
  const [row] = await db.select({ name: table.name }).from(table).where(eq(table.id, id))
  return row?.name ?? null
}

const figure = (target: number | null, real: number): TargetFigure => ({ target, real, pct: percent(real, target) })

/**
 * Target vs real per month over the period, for revenue, students and leads: overall, or one program, channel
 * or person. Real figures come from the one definition in `actuals.ts`.
 */
export async function targetVsReal(db: DbOrTx, viewer: ReportViewer, q: ReportQuery<'target-vs-real'>): Promise<TargetVsRealData> {
  const dimension = dimensionOf(q, viewer)
  const months = monthsOf(q.from, q.to)
  const [targetRows, name, ...actuals] = await Promise.all([
    db.select().from(targets).where(and(
      eq(targets.scope, dimension.scope), eq(targets.scopeId, dimension.id), gte(targets.month, q.from), lte(targets.month, q.to),
    )),
    nameOf(db, dimension.scope, dimension.id),
    ...months.map(m => monthActuals(db, m)),
  ])
  const targetOf = new Map(targetRows.map(t => [t.month, t]))
  const metrics: Metric[] = viewer.money ? ['leads', 'students', 'revenue'] : ['leads', 'students']

  const rows: TargetVsRealMonth[] = months.map((month, i) => {
    const target = targetOf.get(month)
    const real = actuals[i]!.get(dimension.scope, dimension.id)
    const row = { month } as TargetVsRealMonth
    for (const m of metrics) row[m] = figure(target ? target[m] : null, real[m])
    return row
  })
  const totals = {} as TargetVsRealData['totals']
  for (const m of metrics) {
    const withTarget = rows.filter(r => r[m]!.target != null)
    const target = withTarget.length ? withTarget.reduce((s, r) => s + r[m]!.target!, 0) : null
    // The percentage over the months that have a target, so a month without one does not drag it down.
    const realOfTargeted = withTarget.reduce((s, r) => s + r[m]!.real, 0)
    totals[m] = { target, real: rows.reduce((s, r) => s + r[m]!.real, 0), pct: percent(realOfTargeted, target) }
  }
  return { dimension: { ...dimension, name }, months: rows, totals }
}

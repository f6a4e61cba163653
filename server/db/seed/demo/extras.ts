/** Rows that summarise or surround the leads: ad spend, monthly targets, to-dos, notifications. */
import type { adSpend, notifications, targets, todos } from '../../schema'
import type { Catalog, Campaigns } from './catalog'
import type { Rng } from './random'
import { NOTIFICATIONS, TODO_GENERAL, TODO_TITLES } from './texts'
import { DAY, HOUR, MINUTE, dayKey, jakartaDayStart, monthKey, workingHours } from './time'

export type AdSpendRow = typeof adSpend.$inferInsert
export type TargetRow = typeof targets.$inferInsert
export type TodoRow = typeof todos.$inferInsert
export type NotificationRow = typeof notifications.$inferInsert

export interface Actual { leads: number, students: number, revenue: number }
/** Actuals keyed `month|scope|scopeId`, filled while the leads are generated. */
export class Actuals {
  readonly map = new Map<string, Actual>()
  add(month: string, scope: string, scopeId: number, leads: number, students: number, revenue: number): void {
    const key = `${month}|${scope}|${scopeId}`
    const a = this.map.get(key) ?? { leads: 0, students: 0, revenue: 0 }
    a.leads += leads
    a.students += students
    a.revenue += revenue
    this.map.set(key, a)
  }

  get(month: string, scope: string, scopeId: number): Actual {
    return this.map.get(`${month}|${scope}|${scopeId}`) ?? { leads: 0, students: 0, revenue: 0 }
  }
}

/** A lead remembered for to-dos and notifications. */
export interface LeadRef { id: number, student: string, parent: string | null, program: string, channel: string, userId: number | null }

/** Keeps a fixed-size uniform sample of the leads offered to it (reservoir sampling). */
export class Reservoir {
  private seen = 0
  readonly items: LeadRef[] = []
  constructor(private readonly size: number) {}
  offer(rng: Rng, item: LeadRef): void {
    this.seen++
    if (this.items.length < this.size) this.items.push(item)
    else {
      const j = Math.floor(rng.next() * this.seen)
      if (j < this.size) this.items[j] = item
    }
  }
}

const PLATFORM_CPL: Record<string, [number, number]> = { tiktok: [20_000, 60_000], instagram: [35_000, 90_000], meta: [30_000, 80_000] }

/** Daily spend per ads channel and campaign, sized from the leads each campaign brought that day. */
export function makeAdSpend(rng: Rng, cat: Catalog, campaigns: Campaigns, days: number[], counts: Map<string, number>, now: number): AdSpendRow[] {
  const rows: AdSpendRow[] = []
  for (const start of days) {
    const day = dayKey(start)
    const share = Math.min(1, (now - start) / DAY)
    for (const ch of cat.adsChannels) {
      const [cplLo, cplHi] = PLATFORM_CPL[ch.platform ?? ''] ?? [30_000, 80_000]
      for (const c of campaigns.for(ch.id, monthKey(start)).items) {
        const got = counts.get(`${day}|${ch.id}|${c.name}`) ?? 0
        const spend = Math.round(Math.min(2_500_000, Math.max(150_000, got * rng.float(cplLo, cplHi))) * rng.float(0.9, 1.1) * share)
        const impressions = Math.round((spend / rng.float(8_000, 25_000)) * 1000)
        const clicks = Math.max(got * 3, Math.round(impressions * rng.float(0.008, 0.025)))
        const platformLeads = got + (got && rng.chance(0.3) ? rng.int(0, Math.max(1, Math.round(got * 0.15))) : 0)
        rows.push({ day, channelId: ch.id, campaign: c.name, spend, impressions, clicks, platformLeads, createdAt: new Date(start + DAY), updatedAt: new Date(start + DAY) })
      }
    }
  }
  return rows
}

const roundTo = (v: number, step: number) => Math.max(step, Math.round(v / step) * step)

/** Targets for the last 12 months and the next one, set so achievement lands around 70-120%. */
export function makeTargets(rng: Rng, cat: Catalog, actuals: Actuals, now: number): TargetRow[] {
  const current = monthKey(now)
  const [y, m] = current.split('-').map(Number) as [number, number]
  const month = (offset: number) => monthKey(Date.UTC(y, m - 1 + offset, 15))
  const dayOfMonth = Number(dayKey(now).slice(8))
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate()
  // This month so far, scaled up to the whole month, says little in its first days, and nothing just after midnight
  // on the 1st (no lead yet: a target of 1 student and Rp 500.000): until the 3rd the three months before set the pace.
  const early = dayOfMonth < 3
  const scopes: [('overall' | 'program' | 'channel' | 'user'), number][] = [
    ['overall', 0],
    ...cat.programList.map(p => ['program', p.id] as ['program', number]),
    ...cat.channels.items.map(c => ['channel', c.id] as ['channel', number]),
    ...cat.staff.map(u => ['user', u.id] as ['user', number]),
  ]
  const createdBy = cat.managers[0]?.id ?? null
  const rows: TargetRow[] = []
  for (let offset = -11; offset <= 1; offset++) {
    const mk = month(offset)
    for (const [scope, scopeId] of scopes) {
      let a: Actual
      if (offset === 1 || (offset === 0 && early)) {
        const last = [-1, -2, -3].map(o => actuals.get(month(o), scope, scopeId))
        const avg = (f: (x: Actual) => number) => (last.reduce((s, x) => s + f(x), 0) / 3) * 1.05
        a = { leads: avg(x => x.leads), students: avg(x => x.students), revenue: avg(x => x.revenue) }
      }
      else {
        const got = actuals.get(mk, scope, scopeId)
        const scale = offset === 0 ? daysInMonth / Math.max(1, dayOfMonth - 0.5) : 1
        a = { leads: got.leads * scale, students: got.students * scale, revenue: got.revenue * scale }
      }
      const k = () => 1 / rng.around(0.95, 0.16, 0.7, 1.2)
      const at = new Date(Date.UTC(y, m - 1 + offset, 1) - 7 * HOUR - rng.int(2, 6) * DAY)
      rows.push({
        month: mk,
        scope,
        scopeId,
        revenue: roundTo(a.revenue * k(), a.revenue > 50_000_000 ? 5_000_000 : 500_000),
        students: Math.max(1, Math.round(a.students * k())),
        leads: roundTo(a.leads * k(), a.leads > 200 ? 10 : 5),
        createdBy,
        createdAt: at,
        updatedAt: at,
      })
    }
  }
  return rows
}

function fill(text: string, ref: LeadRef): string {
  return text.replace('{student}', ref.student).replace('{parent}', ref.parent ?? `orang tua ${ref.student}`)
    .replace('{program}', ref.program).replace('{channel}', ref.channel)
}

/** Personal to-dos for the staff: some tied to their leads, due in the past, today or later; some done. */
export function makeTodos(rng: Rng, cat: Catalog, byUser: Map<number, Reservoir>, total: number, now: number): TodoRow[] {
  const owners = [...cat.staff, ...cat.managers.filter(u => u.role === 'manager')]
  if (!owners.length) return []
  const rows: TodoRow[] = []
  const today = jakartaDayStart(now)
  for (let i = 0; i < total; i++) {
    const user = owners[i % owners.length]!
    const pool = byUser.get(user.id)?.items ?? []
    const ref = pool.length && rng.chance(0.55) ? rng.pick(pool) : null
    const b = rng.next()
    const due = b < 0.35
      ? workingHours(now - rng.float(0.2, 14) * DAY, rng)
      : b < 0.55
        ? today + rng.int(9, 19) * HOUR
        : b < 0.9
          ? workingHours(now + rng.float(1, 14) * DAY, rng)
          : null
    const created = Math.min(now - HOUR, (due ?? now) - rng.float(0.5, 6) * DAY)
    const done = due !== null && due < now ? rng.chance(0.6) : rng.chance(0.07)
    const doneAt = done ? Math.min(now - MINUTE, Math.max(created + HOUR, (due ?? now) + rng.float(-1, 0.5) * DAY)) : null
    rows.push({
      userId: user.id,
      leadId: ref?.id ?? null,
      title: ref ? fill(rng.pick(TODO_TITLES), ref) : rng.pick(TODO_GENERAL),
      notes: rng.chance(0.25) ? 'Catatan: cek riwayat chat WA sebelum menghubungi.' : null,
      priority: rng.pick([1, 2, 2, 2, 3]),
      dueAt: due === null ? null : new Date(due),
      remindAt: due !== null && rng.chance(0.5) ? new Date(due - rng.pick([15, 30, 60]) * MINUTE) : null,
      doneAt: doneAt === null ? null : new Date(doneAt),
      createdAt: new Date(created),
      updatedAt: new Date(doneAt ?? created),
    })
  }
  return rows
}

/** A handful of in-app notifications per user, the older ones read. */
export function makeNotifications(rng: Rng, cat: Catalog, byUser: Map<number, Reservoir>, won: Reservoir, now: number): NotificationRow[] {
  const rows: NotificationRow[] = []
  const any = [...byUser.values()].flatMap(r => r.items)
  for (const user of cat.everyone) {
    const staff = user.role === 'admin' || user.role === 'sales'
    const pool = byUser.get(user.id)?.items.length ? byUser.get(user.id)!.items : any
    const count = rng.int(3, 8)
    for (let i = 0; i < count; i++) {
      const tpl = staff ? rng.pick(NOTIFICATIONS.slice(0, 4)) : rng.pick([NOTIFICATIONS[2]!, NOTIFICATIONS[4]!])
      const mine = staff ? won.items.filter(r => r.userId === user.id) : won.items
      const ref = tpl.type === 'lead_won' ? (mine.length ? rng.pick(mine) : null) : pool.length ? rng.pick(pool) : null
      if (!ref && tpl.link.includes('{lead}')) continue
      const at = now - rng.float(0.05, 7) * DAY
      const fillAll = (s: string) => (ref ? fill(s, ref) : s).replace('{lead}', String(ref?.id ?? ''))
        .replace('{time}', `${rng.int(9, 19)}.00`).replace('{pct}', String(rng.int(55, 110)))
      rows.push({
        userId: user.id,
        type: tpl.type,
        title: fillAll(tpl.title).slice(0, 200),
        body: fillAll(tpl.body),
        link: fillAll(tpl.link),
        readAt: now - at > 2 * DAY && rng.chance(0.7) ? new Date(at + rng.float(0.1, 1) * DAY) : null,
        createdAt: new Date(at),
      })
    }
  }
  return rows
}

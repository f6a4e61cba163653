/** One lead's life: who it is, how far it got down the funnel, what the team did, whether it enrolled. */
import type { FollowUpStatus } from '../../../../shared/enums/leads'
import type { SourceType } from '../../../../shared/enums/catalog'
import { normalizePhoneId } from '../../../../shared/utils/phone'
import { blindIndex, encryptField } from '../../../utils/crypto'
import type { activities, enrollments, leads, leadStageHistory } from '../../schema'
import type { Catalog, ChannelInfo, ProgramInfo, StaffUser } from './catalog'
import { makePerson } from './person'
import { Rng, Weighted } from './random'
import { ACTIVITY_TEMPLATES, LEAD_NOTES, LOST_NOTES, LOST_REASONS } from './texts'
import type { ActivityTemplate } from './texts'
import { DAY, HOUR, MINUTE, dayKey, jakartaDayStart, workingHours } from './time'

export type LeadRow = typeof leads.$inferInsert & { id: number }
export type HistoryRow = typeof leadStageHistory.$inferInsert
export type ActivityRow = typeof activities.$inferInsert
export type EnrollmentRow = typeof enrollments.$inferInsert

export interface Utm { source: string | null, medium: string | null, campaign: string | null, content: string | null, term: string | null }

export interface LeadInput {
  id: number
  createdAt: number
  channel: ChannelInfo
  grade: string
  utm: Utm | null
}

export interface LeadOut {
  lead: LeadRow
  history: HistoryRow[]
  activities: ActivityRow[]
  enrollment: EnrollmentRow | null
  program: ProgramInfo | null
  open: boolean
}

const WON_P: Record<SourceType, number> = { ads: 0.11, organic: 0.16, referral: 0.3, event: 0.14, other: 0.32 }
const LOST_P: Record<SourceType, number> = { ads: 0.34, organic: 0.3, referral: 0.2, event: 0.32, other: 0.22 }
/** Where stalled leads stop and where lost leads drop out, over the open stages (stretched to the real count). */
const STALL_AT = [15, 37, 27, 21]
const LOST_AT = [25, 35, 25, 15]
/** Mean days to move on from each open stage. */
const STEP_DAYS = [1, 5, 7, 7]
const LOST_DAYS = 10
/** Activities per lead by phase (0-3 open stages, 4 won, 5 lost). */
const ACTIVITY_COUNT: [number, number][] = [[0, 2], [1, 3], [2, 4], [3, 5], [2, 6], [1, 4]]
const DISCOUNTS = Weighted.of([[0, 55], [5, 20], [10, 17], [15, 8]] as const)
const PAYMENTS = Weighted.of([['lunas', 50], ['cicilan_2x', 20], ['cicilan_3x', 25], ['cicilan_6x', 5]] as const)
const lostReasons = Weighted.of(LOST_REASONS)

const stretch = (base: number[], k: number): number[] =>
  Array.from({ length: k }, (_, i) => base[Math.min(base.length - 1, Math.floor((i * base.length) / k))]!)

export class LeadFactory {
  private readonly stallAt: Weighted<number>
  private readonly lostAt: Weighted<number>
  private readonly stepDays: number[]
  private readonly phaseOf: number[]
  /** Its own stream, so adding expected close dates left every other generated value as it was. */
  private readonly closeRng = new Rng(0xC1053D)

  constructor(private readonly rng: Rng, private readonly cat: Catalog, private readonly now: number) {
    const k = cat.stages.open.length
    const idx = Array.from({ length: k }, (_, i) => i)
    this.stallAt = new Weighted(idx, stretch(STALL_AT, k))
    this.lostAt = new Weighted(idx, stretch(LOST_AT, k))
    this.stepDays = stretch(STEP_DAYS, k)
    this.phaseOf = idx.map(i => Math.min(3, Math.floor((i * 4) / k)))
  }

  private step(t: number, meanDays: number): number {
    const days = Math.min(45, Math.max(10 / 1440, this.rng.exp(meanDays)))
    return workingHours(t + days * DAY, this.rng)
  }

  make(input: LeadInput): LeadOut {
    const { rng, cat, now } = this
    const { open, won, lost } = cat.stages
    const created = input.createdAt
    const person = makePerson(rng, input.grade, new Date(created).getUTCFullYear())
    const program = cat.programs.pick(rng, input.grade)

    // Fate: how far the lead would get given time; cut off at now.
    const x = rng.next()
    const st = input.channel.sourceType
    const fate: 'won' | 'lost' | 'stall' = x < WON_P[st] ? 'won' : x < WON_P[st] + LOST_P[st] ? 'lost' : 'stall'
    const last = open.length - 1
    const reach = fate === 'won' ? last : fate === 'lost' ? this.lostAt.pick(rng) : this.stallAt.pick(rng)
    const path: { stage: number, phase: number, at: number }[] = [{ stage: open[0]!, phase: this.phaseOf[0]!, at: created }]
    let t = created
    let cut = false
    for (let i = 1; i <= reach && !cut; i++) {
      if (fate === 'won' && i === last && last > 1 && rng.chance(0.15)) continue
      t = this.step(t, this.stepDays[i - 1]!)
      if (t > now) cut = true
      else path.push({ stage: open[i]!, phase: this.phaseOf[i]!, at: t })
    }
    if (!cut && fate !== 'stall') {
      t = this.step(t, fate === 'won' ? this.stepDays[last]! : LOST_DAYS)
      if (t <= now) path.push({ stage: fate === 'won' ? won : lost, phase: fate === 'won' ? 4 : 5, at: t })
    }
    const final = path[path.length - 1]!
    const closed = final.stage === won || final.stage === lost
    const closedAt = closed ? final.at : null

    // Who works the lead: by capacity; a few fresh prospects still wait in the shared inbox.
    const age = now - created
    const unassigned = path.length === 1 && rng.chance(age < 2 * DAY ? 0.7 : 0.42)
    const assignee: StaffUser | null = unassigned || !cat.assignees ? null : cat.assignees.pick(rng)
    const creator = assignee ?? (cat.staff.length ? rng.pick(cat.staff) : null)
    const changer = (): number | null =>
      cat.managers.length && rng.chance(0.08) ? rng.pick(cat.managers).id : (assignee ?? creator)?.id ?? null

    const history: HistoryRow[] = path.map((p, i) => ({
      leadId: input.id,
      fromStageId: i ? path[i - 1]!.stage : null,
      toStageId: p.stage,
      changedBy: i ? changer() : creator?.id ?? null,
      changedAt: new Date(p.at),
    }))

    const lostReason = final.stage === lost
      ? (path.length === 2 && rng.chance(0.6) ? 'Tidak ada respon' : lostReasons.pick(rng))
      : null

    // Activities between creation and close (or a while after the last move for open leads).
    const [lo, hi] = ACTIVITY_COUNT[final.phase]!
    let count = unassigned ? 0 : rng.int(lo, hi)
    if (final.phase === 0 && age < DAY && rng.chance(0.6)) count = 0
    const start = created + 5 * MINUTE
    const end = closedAt ?? Math.min(now, final.at + rng.exp(10) * DAY + HOUR)
    if (end - start < 10 * MINUTE) count = 0
    const times: number[] = []
    for (let i = 0; i < count; i++) times.push(start + Math.floor(rng.next() * (end - start)))
    times.sort((a, b) => a - b)
    if (closedAt !== null && count) times[count - 1] = closedAt
    const actor = (assignee ?? creator)?.id ?? null
    const acts: ActivityRow[] = []
    let lastTemplate: ActivityTemplate | null = null
    let pi = 0
    for (const at of times) {
      while (pi + 1 < path.length && path[pi + 1]!.at <= at) pi++
      const closing = lostReason !== null && at === closedAt
      const tpl: ActivityTemplate = closing
        ? LOST_NOTES[lostReason] ?? { type: 'call', outcome: 'not_interested', notes: `Lead ditutup: ${lostReason}` }
        : rng.pick(ACTIVITY_TEMPLATES[path[pi]!.phase]!)
      lastTemplate = tpl
      const next = tpl.next && rng.chance(0.6) ? tpl.next : null
      acts.push({
        leadId: input.id,
        userId: actor,
        type: tpl.type,
        outcome: tpl.outcome,
        notes: tpl.notes.replace('{program}', program?.name ?? 'bimbel'),
        occurredAt: new Date(at),
        nextAction: next,
        nextActionAt: null,
        createdAt: new Date(at),
        updatedAt: new Date(at),
      })
    }
    const lastActivity = times.length ? times[times.length - 1]! : null

    // Next follow-up for open leads: overdue, today, this week, later or none.
    let nextFollowUp: number | null = null
    if (!closed) {
      const b = rng.next()
      const floor = Math.max(created, lastActivity ?? created) + HOUR
      const today = jakartaDayStart(now)
      if (b < 0.14) nextFollowUp = now - rng.float(HOUR, (age > 60 * DAY ? 30 : 7) * DAY)
      else if (b < 0.28) nextFollowUp = today + rng.int(8 * 60, 20 * 60) * MINUTE
      else if (b < 0.57) nextFollowUp = workingHours(now + rng.float(1, 7) * DAY, rng)
      else if (b < 0.7) nextFollowUp = workingHours(now + rng.float(8, 30) * DAY, rng)
      if (nextFollowUp !== null && nextFollowUp < floor) nextFollowUp = floor < now ? floor : today + 20 * HOUR
      nextFollowUp = nextFollowUp === null ? null : Math.floor(nextFollowUp / MINUTE) * MINUTE
    }
    // A planned next action was carried out by the following activity; the last one plans the lead's next follow-up.
    for (let i = 0; i + 1 < acts.length; i++) {
      if (acts[i]!.nextAction) acts[i]!.nextActionAt = acts[i + 1]!.occurredAt
    }
    const lastAct = acts[acts.length - 1]
    if (lastAct) {
      lastAct.nextAction = nextFollowUp === null ? null : lastTemplate?.next ?? 'Follow-up'
      lastAct.nextActionAt = nextFollowUp === null ? null : new Date(nextFollowUp)
    }
    const status: FollowUpStatus = closed
      ? 'done'
      : !acts.length
          ? 'new'
          : nextFollowUp !== null
            ? (rng.chance(0.8) ? 'scheduled' : 'contacted')
            : lastAct?.outcome === 'no_answer' ? 'no_response' : 'contacted'

    const enrollment: EnrollmentRow | null = final.stage === won && program
      ? (() => {
          const discount = DISCOUNTS.pick(rng)
          return {
            leadId: input.id,
            programId: program.id,
            amount: Math.round((program.price * (100 - discount)) / 100 / 1000) * 1000,
            enrolledAt: new Date(closedAt!),
            userId: assignee?.id ?? null,
            channelId: input.channel.id,
            status: rng.chance(0.03) ? 'cancelled' as const : 'active' as const,
            meta: { discountPct: discount, payment: PAYMENTS.pick(rng) },
            createdAt: new Date(closedAt!),
          }
        })()
      : null

    // Most open leads carry the admin's guess of when they will close: up to three months after the last contact
    // (those not touched for a while are past due by now), the rest none.
    const expectedCloseOn = !closed && this.closeRng.chance(0.85)
      ? dayKey((lastActivity ?? created) + this.closeRng.int(0, 90) * DAY)
      : null

    const phone = person.phone ? normalizePhoneId(person.phone) : null
    const touched = Math.max(final.at, lastActivity ?? 0)
    const deleted = (final.stage === lost || path.length === 1) && rng.chance(0.003) && touched + DAY < now
    const deletedAt = deleted ? Math.min(now - HOUR, touched + rng.float(1, 20) * DAY) : null
    const lead: LeadRow = {
      id: input.id,
      studentName: person.studentName,
      parentName: person.parentName,
      school: person.school,
      city: person.city,
      grade: input.grade,
      phoneEnc: phone ? encryptField(phone) : null,
      phoneBidx: phone ? blindIndex(phone) : null,
      phoneLast4: phone ? phone.slice(-4) : null,
      email: person.email,
      channelId: input.channel.id,
      utmSource: input.utm?.source ?? null,
      utmMedium: input.utm?.medium ?? null,
      utmCampaign: input.utm?.campaign ?? null,
      utmContent: input.utm?.content ?? null,
      utmTerm: input.utm?.term ?? null,
      programId: program?.id ?? null,
      stageId: final.stage,
      followUpStatus: status,
      assignedTo: assignee?.id ?? null,
      expectedValue: program?.price ?? 0,
      expectedCloseOn,
      nextFollowUpAt: nextFollowUp === null ? null : new Date(nextFollowUp),
      lastActivityAt: lastActivity === null ? null : new Date(lastActivity),
      lostReason,
      closedAt: closedAt === null ? null : new Date(closedAt),
      notes: rng.chance(0.12) ? rng.pick(LEAD_NOTES) : null,
      createdBy: creator?.id ?? null,
      createdAt: new Date(created),
      updatedAt: new Date(deletedAt ?? touched),
      deletedAt: deletedAt === null ? null : new Date(deletedAt),
      deletedBy: deleted && cat.managers.length ? rng.pick(cat.managers).id : null,
    }
    return { lead, history, activities: acts, enrollment, program, open: !closed }
  }
}

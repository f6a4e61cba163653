/**
 * Realistic Indonesian demo data: leads with their stage history, activities and enrolments, plus
 * targets, ad spend, to-dos and notifications. Replaces the previous demo data (users, channels,
 * programs and stages are kept). Deterministic for a seed; streams rows in chunks, so a million leads
 * take minutes and little memory.
 */
import type { PoolConnection } from 'mysql2/promise'
import type { Database } from '../client'
import { activities, adSpend, enrollments, leads, leadStageHistory, notifications, targets, todos } from '../schema'
import { beginBulkLoad, endBulkLoad } from '../lead-month-facts'
import { insertRows, truncateTables } from './demo/bulk'
import { Campaigns, loadCatalog } from './demo/catalog'
import type { Campaign, CampaignLevel, ChannelInfo } from './demo/catalog'
import { Actuals, makeAdSpend, makeNotifications, makeTargets, makeTodos, Reservoir } from './demo/extras'
import { LeadFactory } from './demo/lead'
import type { ActivityRow, EnrollmentRow, HistoryRow, LeadRow, Utm } from './demo/lead'
import { Rng, Weighted } from './demo/random'
import { AD_CONTENTS } from './demo/texts'
import { DAY, dayKey, monthKey, planDays, timeOnDay } from './demo/time'

export const MAX_DEMO_LEADS = 1_000_000
const CHUNK = 2500
const DEMO_TABLES = ['lead_month_facts', 'text_month_facts', 'close_month_facts', 'campaign_month_facts', 'lead_forecast_facts', 'stay_month_facts', 'stage_stays', 'activity_month_facts', 'lead_response_facts', 'reminders', 'outbox', 'notifications', 'whatsapp_messages', 'enrollments', 'activities', 'todos', 'lead_stage_history', 'leads', 'targets', 'ad_spend']

export interface DemoDataOptions {
  leads: number
  log?: (msg: string) => void
  seed?: number
  /** The generator's "now" (default: the current time); data spans the 12 months before it. */
  now?: Date
}

export interface DemoDataCounts {
  leads: number
  activities: number
  todos: number
  enrollments: number
  stageHistory: number
  seconds: number
}

const GRADES: Record<CampaignLevel | 'event', Weighted<string>> = {
  ALL: Weighted.of([['SD 4', 3], ['SD 5', 5], ['SD 6', 6], ['SMP 7', 7], ['SMP 8', 7], ['SMP 9', 11], ['SMA 10', 12], ['SMA 11', 14], ['SMA 12', 25], ['Alumni', 10]]),
  UTBK: Weighted.of([['SMA 12', 70], ['Alumni', 20], ['SMA 11', 10]]),
  SMA: Weighted.of([['SMA 10', 35], ['SMA 11', 35], ['SMA 12', 30]]),
  SMP: Weighted.of([['SMP 7', 30], ['SMP 8', 30], ['SMP 9', 40]]),
  SD: Weighted.of([['SD 4', 20], ['SD 5', 35], ['SD 6', 45]]),
  event: Weighted.of([['SMP 9', 10], ['SMA 10', 15], ['SMA 11', 25], ['SMA 12', 50]]),
}
const EVENT_CAMPAIGNS = ['edufair_sman3', 'tryout_akbar', 'sosialisasi_ptn', 'expo_kampus', 'roadshow_sekolah']
const META_TERMS = ['lookalike_ortu', 'interest_pendidikan', 'retarget_web']

function utmFor(rng: Rng, ch: ChannelInfo, campaign: Campaign | null, created: number): Utm | null {
  const none = { source: null, medium: null, campaign: null, content: null, term: null }
  if (ch.sourceType === 'ads') {
    const p = ch.platform ?? ch.code
    const source = p === 'meta'
      ? rng.pick(['facebook', 'facebook', 'facebook', 'fb', 'meta'])
      : p === 'instagram'
        ? (rng.chance(0.2) ? 'ig' : 'instagram')
        : p === 'tiktok' ? (rng.chance(0.1) ? 'tiktok_ads' : 'tiktok') : p
    const medium = p === 'meta' ? rng.pick(['cpc', 'paid_social']) : rng.chance(p === 'tiktok' ? 0.85 : 0.7) ? 'paid_social' : 'cpc'
    return { source, medium, campaign: campaign?.name ?? null, content: rng.pick(AD_CONTENTS), term: p === 'meta' && rng.chance(0.25) ? rng.pick(META_TERMS) : null }
  }
  const mon = monthKey(created).replace('-', '')
  switch (ch.code) {
    case 'website': return rng.chance(0.35) ? { ...none, source: 'google', medium: 'organic' } : null
    case 'organic_social': return rng.chance(0.15) ? { ...none, source: 'linktree', medium: 'social', campaign: 'bio_link' } : null
    case 'whatsapp': return rng.chance(0.1) ? { ...none, source: 'whatsapp', medium: 'chat' } : null
    case 'referral': return rng.chance(0.25) ? { ...none, source: 'member_get_member', medium: 'referral', campaign: `mgm_${mon.slice(0, 4)}` } : null
    case 'school_event': return rng.chance(0.4) ? { ...none, source: 'event', medium: 'event', campaign: `${rng.pick(EVENT_CAMPAIGNS)}_${mon}` } : null
    default: return null
  }
}

/** Like Promise.all, but waits for every statement to finish before failing, so no connection is released mid-query. */
async function settleAll(tasks: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(tasks)).find(r => r.status === 'rejected')
  if (failed) throw failed.reason
}

async function acquire(db: Database, count: number): Promise<PoolConnection[]> {
  const conns: PoolConnection[] = []
  for (let i = 0; i < count; i++) conns.push(await db.$client.getConnection())
  return conns
}

export async function generateDemoData(db: Database, opts: DemoDataOptions): Promise<DemoDataCounts> {
  const n = opts.leads
  if (!Number.isInteger(n) || n < 0 || n > MAX_DEMO_LEADS) throw new Error(`demo data: leads must be a whole number from 0 to ${MAX_DEMO_LEADS}`)
  const log = opts.log ?? (() => {})
  const seed = opts.seed ?? 20_240_601
  const now = (opts.now ?? new Date()).getTime()
  const started = Date.now()
  const rng = new Rng(seed)
  const side = new Rng(seed ^ 0x5bd1e995)
  const cat = await loadCatalog(db)
  const campaigns = new Campaigns(seed)
  const factory = new LeadFactory(rng, cat, now)

  const lanes = Math.max(1, Math.min(3, (db.$client.pool.config.connectionLimit ?? 10) - 1))
  const conns = await acquire(db, lanes)
  // Millions of rows: the facts' triggers stand aside (the leads carry their stages reached and first activity) and
  // the facts are counted once at the end.
  await beginBulkLoad(conns)
  let loaded = false
  const lane = (i: number) => conns[i % conns.length]!
  const counts = { leads: 0, activities: 0, todos: 0, enrollments: 0, stageHistory: 0 }
  let inflight: Promise<void> = Promise.resolve()
  try {
    await truncateTables(lane(0), DEMO_TABLES, log)
    log(`emptied the demo tables; generating ${n.toLocaleString('en')} leads (seed ${seed})`)

    const actuals = new Actuals()
    const adsCounts = new Map<string, number>()
    const byUser = new Map<number, Reservoir>(cat.staff.map(u => [u.id, new Reservoir(30)]))
    const wonRecent = new Reservoir(200)
    let buf = { leads: [] as LeadRow[], history: [] as HistoryRow[], activities: [] as ActivityRow[], enrollments: [] as EnrollmentRow[] }
    let lastLogged = 0

    const flush = async () => {
      if (!buf.leads.length) return
      const b = buf
      buf = { leads: [], history: [], activities: [], enrollments: [] }
      await inflight
      inflight = (async () => {
        await insertRows(lane(0), leads, b.leads)
        await settleAll([
          insertRows(lane(1), activities, b.activities),
          insertRows(lane(2), leadStageHistory, b.history).then(() => insertRows(lane(2), enrollments, b.enrollments)),
        ])
      })()
      // Awaited at the next flush; until then, do not let a failure count as unhandled.
      inflight.catch(() => {})
      counts.leads += b.leads.length
      counts.stageHistory += b.history.length
      counts.activities += b.activities.length
      counts.enrollments += b.enrollments.length
      if (counts.leads - lastLogged >= Math.max(CHUNK, Math.min(50_000, Math.ceil(n / 10))) || counts.leads === n) {
        lastLogged = counts.leads
        log(`${counts.leads.toLocaleString('en')} / ${n.toLocaleString('en')} leads (${((Date.now() - started) / 1000).toFixed(1)} s)`)
      }
    }

    const plan = planDays(n, now, rng)
    let id = 0
    for (const day of plan) {
      const todays: { t: number, channel: ChannelInfo, campaign: Campaign | null }[] = []
      for (let i = 0; i < day.count; i++) {
        const channel = cat.channels.pick(rng)
        const shop = channel.code === 'walk_in' || channel.sourceType === 'event'
        let t = timeOnDay(rng, day.start, shop)
        for (let k = 0; t >= now && k < 20; k++) t = timeOnDay(rng, day.start, shop)
        if (t >= now) t = day.start + Math.floor(rng.next() * Math.max(1, now - day.start))
        const campaign = channel.sourceType === 'ads' ? campaigns.for(channel.id, monthKey(t)).pick(rng) : null
        todays.push({ t, channel, campaign })
      }
      todays.sort((a, b) => a.t - b.t)
      for (const { t, channel, campaign } of todays) {
        const grade = (campaign ? GRADES[campaign.level] : channel.sourceType === 'event' ? GRADES.event : GRADES.ALL).pick(rng)
        const out = factory.make({ id: ++id, createdAt: t, channel, grade, utm: utmFor(rng, channel, campaign, t) })
        const { lead, enrollment } = out
        // What the triggers would make of the history inserted after the lead: set here, so they have nothing to add.
        lead.stagesReached = [...new Set([...out.history.map(h => h.toStageId), lead.stageId])].join(',')
        lead.stageEnteredAt = out.history.reduce<Date | null>((at, h) => (h.toStageId === lead.stageId && (!at || h.changedAt! > at) ? h.changedAt! : at), null)
        lead.enrolledAmount = enrollment?.status === 'active' ? enrollment.amount : 0
        // And what the activities' triggers would: the earliest live activity.
        lead.firstActivityAt = out.activities.reduce<Date | null>((at, a) => (!a.deletedAt && (!at || a.occurredAt < at) ? a.occurredAt : at), null)
        buf.leads.push(lead)
        buf.history.push(...out.history)
        buf.activities.push(...out.activities)
        if (enrollment) buf.enrollments.push(enrollment)

        const month = monthKey(t)
        const user = lead.assignedTo ?? 0
        actuals.add(month, 'overall', 0, 1, 0, 0)
        actuals.add(month, 'channel', channel.id, 1, 0, 0)
        if (lead.programId) actuals.add(month, 'program', lead.programId, 1, 0, 0)
        if (user) actuals.add(month, 'user', user, 1, 0, 0)
        if (enrollment && enrollment.status === 'active') {
          const em = monthKey(enrollment.enrolledAt.getTime())
          actuals.add(em, 'overall', 0, 0, 1, enrollment.amount)
          actuals.add(em, 'channel', channel.id, 0, 1, enrollment.amount)
          actuals.add(em, 'program', enrollment.programId, 0, 1, enrollment.amount)
          if (enrollment.userId) actuals.add(em, 'user', enrollment.userId, 0, 1, enrollment.amount)
        }
        if (campaign) {
          const key = `${dayKey(t)}|${channel.id}|${campaign.name}`
          adsCounts.set(key, (adsCounts.get(key) ?? 0) + 1)
        }
        const ref = { id: lead.id, student: lead.studentName, parent: lead.parentName ?? null, program: out.program?.name ?? 'bimbel', channel: channel.name, userId: lead.assignedTo ?? null }
        if (out.open && user && t > now - 60 * DAY && !lead.deletedAt) byUser.get(user)?.offer(side, ref)
        if (enrollment && enrollment.enrolledAt.getTime() > now - 30 * DAY) wonRecent.offer(side, ref)
        if (buf.leads.length >= CHUNK) await flush()
      }
    }
    await flush()
    await inflight

    // No leads, no campaigns to pay for or targets to measure against: an empty demo stays empty.
    const spend = n ? makeAdSpend(side, cat, campaigns, plan.map(d => d.start), adsCounts, now) : []
    const targetRows = n ? makeTargets(side, cat, actuals, now) : []
    const todoRows = makeTodos(side, cat, byUser, Math.min(600, Math.max(120, Math.round(100 + n / 40))), now)
    const notes = makeNotifications(side, cat, byUser, wonRecent, now)
    await settleAll([
      insertRows(lane(0), adSpend, spend),
      insertRows(lane(1), targets, targetRows),
      insertRows(lane(2), todos, todoRows).then(() => insertRows(lane(2), notifications, notes)),
    ])
    counts.todos = todoRows.length
    // Upcoming follow-ups and to-dos get their reminders, as the app would have scheduled them;
    // past ones are history, not a burst of reminders at the first start.
    await lane(0).query(`INSERT INTO reminders (kind, subject_id, user_id, remind_at)
      SELECT 'follow_up', id, assigned_to, next_follow_up_at FROM leads
      WHERE next_follow_up_at > ? AND assigned_to IS NOT NULL AND deleted_at IS NULL`, [new Date(now)])
    await lane(0).query(`INSERT INTO reminders (kind, subject_id, user_id, remind_at)
      SELECT 'todo', id, user_id, COALESCE(remind_at, due_at) FROM todos
      WHERE COALESCE(remind_at, due_at) > ? AND done_at IS NULL AND deleted_at IS NULL`, [new Date(now)])
    log(`ad spend ${spend.length} rows, targets ${targetRows.length}, to-dos ${todoRows.length}, notifications ${notes.length}`)
    loaded = true
  }
  finally {
    await inflight.catch(() => {})
    // Rebuilt after a failure too: whatever rows made it in are counted, as the triggers would have.
    await endBulkLoad(conns, true).catch(error => (loaded ? Promise.reject(error) : undefined))
    for (const c of conns) c.release()
  }
  return { ...counts, seconds: Math.round((Date.now() - started) / 100) / 10 }
}

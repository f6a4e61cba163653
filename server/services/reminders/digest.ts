import { and, asc, count, eq, gte, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm'
import { appSettings, leads, todos, users } from '../../db/schema'
import type { Database, Tx } from '../../utils/db'
import { formatDateTime } from '../../../shared/utils/format'
import { jakartaRanges } from '../leads/dates'
import { renderEmail } from '../notifications/email'
import { loadRecipients } from '../notifications/recipients'
import type { Recipient } from '../notifications/recipients'
import { enqueueEmails } from '../outbox/enqueue'

/** The digest goes out from 07:00 Asia/Jakarta. */
export const DIGEST_HOUR = 7
const WIB = 7 * 3_600_000
export const DIGEST_CLAIM_KEY = 'digest.last_day'
/** Items listed per section of one digest. */
const LIST_LIMIT = 15

/** The Jakarta calendar day of an instant, 'YYYY-MM-DD'. */
export const jakartaDay = (now: Date) => new Date(now.getTime() + WIB).toISOString().slice(0, 10)

/**
 * From 07:00 WIB, once per Jakarta day across all processes: queue each active user's digest of
 * the day (overdue follow-ups, today's follow-ups, to-dos due today) as an e-mail, for those who
 * keep the digest on and have something in it. The day is claimed on a settings row locked
 * FOR UPDATE in the same transaction as the e-mails, and each e-mail has the idempotency key
 * digest:<user>:<day>, so a crash or a second process never doubles it and never loses it.
 */
export async function queueDailyDigests(db: Database, now = new Date()): Promise<number> {
  if (new Date(now.getTime() + WIB).getUTCHours() < DIGEST_HOUR) return 0
  const day = jakartaDay(now)
  return db.transaction(async (tx) => {
    await tx.insert(appSettings).ignore().values({ key: DIGEST_CLAIM_KEY, value: '' })
    const [claim] = await tx.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, DIGEST_CLAIM_KEY)).for('update')
    if (claim?.value === day) return 0
    const queued = await queueDigestsFor(tx, day, now)
    await tx.update(appSettings).set({ value: day, updatedAt: now }).where(eq(appSettings.key, DIGEST_CLAIM_KEY))
    return queued
  })
}

async function queueDigestsFor(tx: Tx, day: string, now: Date): Promise<number> {
  const { today } = jakartaRanges(now)
  const active = await tx.select({ id: users.id }).from(users).where(eq(users.active, true))
  const recipients = await loadRecipients(tx, active.map(u => u.id))
  const wanted = [...recipients.values()].filter(r => r.prefs.daily_digest.email)
  if (!wanted.length) return 0
  const ids = wanted.map(r => r.id)
  const overdue = await tx.select({ userId: leads.assignedTo, n: count() }).from(leads)
    .where(and(inArray(leads.assignedTo, ids), isNull(leads.deletedAt), isNotNull(leads.nextFollowUpAt), lt(leads.nextFollowUpAt, today[0])))
    .groupBy(leads.assignedTo)
  const overdueBy = new Map(overdue.map(o => [o.userId!, o.n]))
  const emails = []
  for (const user of wanted) {
    const dueToday = await tx.select({ name: leads.studentName, at: leads.nextFollowUpAt }).from(leads)
      .where(and(eq(leads.assignedTo, user.id), isNull(leads.deletedAt), gte(leads.nextFollowUpAt, today[0]), lt(leads.nextFollowUpAt, today[1])))
      .orderBy(asc(leads.nextFollowUpAt)).limit(LIST_LIMIT + 1)
    const [{ n: todayTotal } = { n: 0 }] = dueToday.length > LIST_LIMIT
      ? await tx.select({ n: count() }).from(leads).where(and(eq(leads.assignedTo, user.id), isNull(leads.deletedAt), gte(leads.nextFollowUpAt, today[0]), lt(leads.nextFollowUpAt, today[1])))
      : [{ n: dueToday.length }]
    const todoRows = await tx.select({ title: todos.title, at: todos.dueAt }).from(todos)
      .where(and(eq(todos.userId, user.id), isNull(todos.deletedAt), isNull(todos.doneAt), lt(todos.dueAt, today[1])))
      .orderBy(asc(todos.dueAt)).limit(LIST_LIMIT)
    const overdueCount = overdueBy.get(user.id) ?? 0
    if (!overdueCount && !todayTotal && !todoRows.length) continue
    emails.push({
      key: `digest:${user.id}:${day}`,
      kind: 'daily_digest',
      userId: user.id,
      to: user.email,
      content: digestEmail(user, day, { overdueCount, todayTotal, dueToday: dueToday.slice(0, LIST_LIMIT), todos: todoRows }),
    })
  }
  await enqueueEmails(tx, emails)
  return emails.length
}

interface DigestData {
  overdueCount: number
  todayTotal: number
  dueToday: { name: string, at: Date | null }[]
  todos: { title: string, at: Date | null }[]
}

function digestEmail(user: Recipient, day: string, d: DigestData) {
  const en = user.locale === 'en'
  const time = (at: Date | null) => (at ? formatDateTime(at, user.locale).replace(/^.*?(\d{2}[.:]\d{2})$/, '$1') : '')
  const items = [
    ...d.dueToday.map(l => `${time(l.at)} · ${en ? 'follow up' : 'follow-up'} ${l.name}`),
    ...d.todos.map(t => `${en ? 'To-do' : 'Tugas'}: ${t.title}${t.at ? ` (${formatDateTime(t.at, user.locale)})` : ''}`),
  ]
  const more = d.todayTotal - d.dueToday.length
  return renderEmail({
    locale: user.locale,
    name: user.name,
    title: en ? `Your day, ${day}` : `Rencana hari ini, ${day}`,
    lines: [
      en ? `Follow-ups due today: ${d.todayTotal}. Overdue: ${d.overdueCount}. To-dos due: ${d.todos.length}.` : `Follow-up hari ini: ${d.todayTotal}. Terlambat: ${d.overdueCount}. Tugas jatuh tempo: ${d.todos.length}.`,
      ...(more > 0 ? [en ? `And ${more} more follow-ups today.` : `Dan ${more} follow-up lainnya hari ini.`] : []),
    ],
    items,
    link: '/follow-ups',
  })
}

/** For tests and the bench: forget which day was last digested. */
export const resetDigestClaim = (db: Database) => db.update(appSettings).set({ value: sql`''` }).where(eq(appSettings.key, DIGEST_CLAIM_KEY))

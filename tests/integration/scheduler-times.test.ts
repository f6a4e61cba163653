import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { leads, notifications, outbox, pipelineStages, reminders, todos, users } from '../../server/db/schema'
import { queueDailyDigests } from '../../server/services/reminders/digest'
import { fireDueReminders } from '../../server/services/reminders/fire'
import { scheduleReminder } from '../../server/services/reminders/schedule'
import { startCluster } from '../support/scheduler'
import type { Cluster } from '../support/scheduler'

/**
 * The scheduler's clock rules, run against a database of their own with the time given
 * explicitly: Asia/Jakarta is UTC+7 all year, the database holds UTC.
 */
describe('scheduler times', () => {
  let cluster: Cluster
  let adminId: number
  let salesId: number
  let stageId: number
  beforeAll(async () => {
    cluster = await startCluster('schedtimes', 0)
    const staff = await cluster.db.select({ id: users.id, email: users.email }).from(users)
    adminId = staff.find(u => u.email === 'admin@demo.test')!.id
    salesId = staff.find(u => u.email === 'sales@demo.test')!.id
    stageId = (await cluster.db.select({ id: pipelineStages.id }).from(pipelineStages).limit(1))[0]!.id
  }, 60_000)
  afterAll(async () => {
    await cluster?.close()
  })

  const newLead = async (name: string, assignedTo: number, nextFollowUpAt: Date | null) => {
    const [r] = await cluster.db.insert(leads).values({ studentName: name, stageId, assignedTo, nextFollowUpAt })
    return r.insertId
  }

  it('fires a reminder set for 09:00 Asia/Jakarta at 02:00 UTC, once', async () => {
    const due = new Date('2026-12-01T09:00:00+07:00')
    expect(due.toISOString()).toBe('2026-12-01T02:00:00.000Z')
    const leadId = await newLead('Jam Sembilan', adminId, due)
    await scheduleReminder(cluster.db, { kind: 'follow_up', subjectId: leadId, userId: adminId, remindAt: due })

    expect(await fireDueReminders(cluster.db, new Date('2026-12-01T01:59:59.999Z'))).toBe(0)
    expect(await fireDueReminders(cluster.db, new Date('2026-12-01T02:00:00.000Z'))).toBe(1)
    expect(await fireDueReminders(cluster.db, new Date('2026-12-01T02:05:00.000Z'))).toBe(0)

    const rows = await cluster.db.select().from(notifications).where(eq(notifications.leadId, leadId))
    expect(rows).toHaveLength(1)
    expect(rows[0]!.type).toBe('follow_up_due')
    expect(rows[0]!.title).toBe('Follow-up jatuh tempo: Jam Sembilan')
    // The body tells the time in Jakarta, not in UTC.
    expect(rows[0]!.body).toContain('09.00')
    const mails = await cluster.db.select().from(outbox).where(eq(outbox.idempotencyKey, `email:${rows[0]!.dedupeKey}`))
    expect(mails).toHaveLength(1)
    expect(mails[0]!.recipient).toBe('admin@demo.test')
  })

  it('reminds again after a reschedule, not after an unrelated save, and never for a closed subject', async () => {
    const first = new Date('2026-12-02T03:00:00Z')
    const leadId = await newLead('Dijadwal Ulang', adminId, first)
    await scheduleReminder(cluster.db, { kind: 'follow_up', subjectId: leadId, userId: adminId, remindAt: first })
    expect(await fireDueReminders(cluster.db, first)).toBe(1)

    // Saving the same time again leaves it fired.
    await scheduleReminder(cluster.db, { kind: 'follow_up', subjectId: leadId, userId: adminId, remindAt: first })
    expect(await fireDueReminders(cluster.db, new Date('2026-12-02T04:00:00Z'))).toBe(0)

    // A new time makes it pending and it fires again at that time.
    const later = new Date('2026-12-03T03:00:00Z')
    await cluster.db.update(leads).set({ nextFollowUpAt: later }).where(eq(leads.id, leadId))
    await scheduleReminder(cluster.db, { kind: 'follow_up', subjectId: leadId, userId: adminId, remindAt: later })
    expect(await fireDueReminders(cluster.db, new Date('2026-12-03T02:59:00Z'))).toBe(0)
    expect(await fireDueReminders(cluster.db, later)).toBe(1)
    expect(await cluster.db.select().from(notifications).where(eq(notifications.leadId, leadId))).toHaveLength(2)

    // A to-do done before its time: the reminder is cancelled when it comes due, no notification.
    const [t] = await cluster.db.insert(todos).values({ userId: salesId, title: 'Sudah selesai', remindAt: later, doneAt: new Date('2026-12-02T00:00:00Z') })
    await scheduleReminder(cluster.db, { kind: 'todo', subjectId: t.insertId, userId: salesId, remindAt: later })
    await fireDueReminders(cluster.db, later)
    const [row] = await cluster.db.select().from(reminders).where(and(eq(reminders.kind, 'todo'), eq(reminders.subjectId, t.insertId)))
    expect(row!.status).toBe('cancelled')
    // Clearing the time cancels a pending reminder outright.
    const leadId2 = await newLead('Tanpa Jadwal', adminId, later)
    await scheduleReminder(cluster.db, { kind: 'follow_up', subjectId: leadId2, userId: adminId, remindAt: new Date('2026-12-09T00:00:00Z') })
    await scheduleReminder(cluster.db, { kind: 'follow_up', subjectId: leadId2, userId: adminId, remindAt: null })
    const [row2] = await cluster.db.select().from(reminders).where(and(eq(reminders.kind, 'follow_up'), eq(reminders.subjectId, leadId2)))
    expect(row2!.status).toBe('cancelled')
  })

  it('sends the digest from 07:00 Asia/Jakarta, once, covering the Jakarta calendar day', async () => {
    // Only this test's people: everyone else's follow-ups are cleared and their digest switched off.
    await cluster.db.update(leads).set({ nextFollowUpAt: null })
    await cluster.db.update(users).set({ notificationPrefs: { daily_digest: { inApp: false, email: false } } })
    await cluster.db.update(users).set({ notificationPrefs: null }).where(eq(users.id, salesId))
    await newLead('Kemarin Malam', salesId, new Date('2026-12-04T23:30:00+07:00'))
    await newLead('Pagi Ini', salesId, new Date('2026-12-05T00:15:00+07:00'))
    await newLead('Malam Ini', salesId, new Date('2026-12-05T23:30:00+07:00'))
    await newLead('Besok Dini Hari', salesId, new Date('2026-12-06T00:30:00+07:00'))
    await cluster.db.insert(todos).values({ userId: salesId, title: 'Telepon sekolah mitra', dueAt: new Date('2026-12-05T10:00:00+07:00') })

    // 06:59 WIB is still before the digest; 07:00 WIB (00:00 UTC) is the time.
    expect(await queueDailyDigests(cluster.db, new Date('2026-12-05T06:59:00+07:00'))).toBe(0)
    expect(await queueDailyDigests(cluster.db, new Date('2026-12-05T07:00:00+07:00'))).toBe(1)
    expect(await queueDailyDigests(cluster.db, new Date('2026-12-05T09:00:00+07:00'))).toBe(0)

    const [mail] = await cluster.db.select().from(outbox).where(eq(outbox.idempotencyKey, `digest:${salesId}:2026-12-05`))
    expect(mail).toBeTruthy()
    expect(mail!.recipient).toBe('sales@demo.test')
    const text = (mail!.payload as { text: string }).text
    expect(text).toContain('Rencana hari ini, 2026-12-05')
    expect(text).toContain('Follow-up hari ini: 2. Terlambat: 1. Tugas jatuh tempo: 1.')
    expect(text).toContain('Pagi Ini')
    expect(text).toContain('Malam Ini')
    expect(text).not.toContain('Besok Dini Hari')
    expect(text).toContain('Telepon sekolah mitra')
    expect(text).toContain('/follow-ups')

    // The next Jakarta day gets its own digest.
    expect(await queueDailyDigests(cluster.db, new Date('2026-12-06T07:01:00+07:00'))).toBe(1)
  })
})

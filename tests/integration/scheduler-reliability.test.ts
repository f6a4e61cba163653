import { count, countDistinct, eq, isNotNull, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notifications, outbox, reminders } from '../../server/db/schema'
import { seedDueFollowUps, startCluster, waitFor } from '../support/scheduler'
import type { Cluster } from '../support/scheduler'

/**
 * DESIGN.md: "Any number of app instances may run the scheduler; each reminder still goes out once."
 * Three built app processes run the scheduler and the outbox dispatcher every half second against
 * one database, and deliver to a real SMTP server (smtp-server) running in this test.
 */
const STAFF = ['admin@demo.test', 'admin2@demo.test', 'admin3@demo.test', 'sales@demo.test', 'sales2@demo.test']
const N = 1000

const tally = (cluster: Cluster, prefix: string) => {
  const mine = cluster.sink.messages.filter(m => m.subject.includes(prefix))
  const unique = new Set(mine.map(m => m.key)).size
  return { total: mine.length, unique, duplicates: mine.length - unique }
}

async function notificationStats(cluster: Cluster, prefix: string) {
  const [row] = await cluster.db.select({ total: count(), unique: countDistinct(notifications.dedupeKey) })
    .from(notifications).where(sql`${notifications.title} LIKE ${`%${prefix}%`}`)
  return row!
}

describe('scheduler and outbox with three processes', () => {
  let cluster: Cluster
  beforeAll(async () => {
    cluster = await startCluster('sched3', 3)
  }, 120_000)
  afterAll(async () => {
    await cluster?.close()
  })

  it('delivers 1,000 due follow-ups exactly once, in-app and by e-mail', async () => {
    const started = Date.now()
    await seedDueFollowUps(cluster.db, N, STAFF, new Date(Date.now() + 1500), 'Batch A')
    await waitFor('1,000 e-mails', () => tally(cluster, 'Batch A').unique, n => n >= N, 90_000)
    const seconds = (Date.now() - started) / 1000
    // Give a late duplicate the chance to show up before counting.
    await new Promise(r => setTimeout(r, 2000))
    const mail = tally(cluster, 'Batch A')
    expect(mail).toEqual({ total: N, unique: N, duplicates: 0 })
    expect(await notificationStats(cluster, 'Batch A')).toEqual({ total: N, unique: N })
    const [fired] = await cluster.db.select({ n: count() }).from(reminders).where(eq(reminders.status, 'fired'))
    expect(fired!.n).toBe(N)
    const byProcess = await cluster.db.select({ worker: outbox.leasedBy, n: count() }).from(outbox).where(eq(outbox.status, 'sent')).groupBy(outbox.leasedBy)
    console.info(`[reliability] 3 processes: ${N} reminders -> ${mail.unique} e-mails in ${seconds.toFixed(1)} s, 0 duplicates; sent per process: ${byProcess.map(b => b.n).join(' / ')}`)
    // The work was shared: more than one process sent mail.
    expect(byProcess.length).toBeGreaterThan(1)
  }, 120_000)

  it('loses nothing when one process is killed with SIGKILL mid-delivery', async () => {
    await seedDueFollowUps(cluster.db, N, STAFF, new Date(Date.now() + 1000), 'Batch B')
    await waitFor('the first e-mails of batch B', () => tally(cluster, 'Batch B').total, n => n >= 150, 60_000, 20)
    const victim = cluster.servers[0]!.child
    victim.kill('SIGKILL')
    await waitFor('the killed process to exit', () => victim.signalCode, s => s === 'SIGKILL', 10_000, 50)
    const atKill = tally(cluster, 'Batch B').total
    await waitFor('every e-mail of batch B', () => tally(cluster, 'Batch B').unique, n => n >= N, 120_000)
    await new Promise(r => setTimeout(r, 4000))
    const mail = tally(cluster, 'Batch B')
    expect(mail.unique).toBe(N)
    expect(await notificationStats(cluster, 'Batch B')).toEqual({ total: N, unique: N })
    const [left] = await cluster.db.select({ n: count() }).from(outbox).where(sql`${outbox.status} <> 'sent'`)
    expect(left!.n).toBe(0)
    // Only messages in flight at the kill can go twice: at most one claimed batch of the dead process.
    expect(mail.duplicates).toBeLessThanOrEqual(50)
    console.info(`[reliability] SIGKILL after ${atKill} of ${N} e-mails: all ${mail.unique} delivered, ${mail.duplicates} duplicate(s) from messages in flight at the kill`)
  }, 180_000)

  it('keeps every message while the SMTP server refuses, shows the errors, and delivers after recovery', async () => {
    cluster.sink.refuse(true)
    const before = await cluster.db.select({ n: count() }).from(outbox)
    await seedDueFollowUps(cluster.db, 100, STAFF, new Date(Date.now() + 500), 'Batch C')
    // Every message has been tried and refused at least twice, and says why.
    await waitFor('refused attempts', async () => {
      const [row] = await cluster.db.select({ n: count() }).from(outbox)
        .where(sql`${outbox.status} = 'pending' AND ${outbox.attempts} >= 2 AND ${outbox.lastError} LIKE '%451%'`)
      return row!.n
    }, n => n >= 100, 60_000)
    expect(tally(cluster, 'Batch C').total).toBe(0)
    const [failedNow] = await cluster.db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'failed'))
    expect(failedNow!.n).toBe(0)
    cluster.sink.refuse(false)
    await waitFor('every e-mail of batch C', () => tally(cluster, 'Batch C').unique, n => n >= 100, 60_000)
    await new Promise(r => setTimeout(r, 1500))
    expect(tally(cluster, 'Batch C')).toEqual({ total: 100, unique: 100, duplicates: 0 })
    // The failures stay visible with their error after the delivery succeeded.
    const [erred] = await cluster.db.select({ n: count() }).from(outbox)
      .where(sql`${outbox.status} = 'sent' AND ${outbox.attempts} >= 2 AND ${outbox.lastError} LIKE '%451%'`)
    expect(erred!.n).toBe(100)
    expect(before[0]!.n).toBeGreaterThan(0)
    const [notSent] = await cluster.db.select({ n: count() }).from(outbox).where(isNotNull(outbox.leaseUntil))
    expect(notSent!.n).toBe(0)
  }, 120_000)
})

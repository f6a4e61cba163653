import { count, eq } from 'drizzle-orm'
import { createDb } from '../../server/db/client'
import { outbox, reminders } from '../../server/db/schema'
import { TEST_ENV } from '../support/env'
import { resetTestDatabase, startServer } from '../support/global-setup'
import { startMailSink } from '../support/mail-sink'
import type { MailSink } from '../support/mail-sink'
import { seedDueFollowUpsWith } from '../support/seed-due'

const STAFF = ['admin@demo.test', 'admin2@demo.test', 'admin3@demo.test', 'sales@demo.test', 'sales2@demo.test']

async function until(what: string, probe: () => number, target: number, timeoutMs = 300_000): Promise<void> {
  const started = Date.now()
  while (probe() < target) {
    if (Date.now() - started > timeoutMs) throw new Error(`bench: timed out waiting for ${what} (${probe()} of ${target})`)
    await new Promise(r => setTimeout(r, 20))
  }
}

/**
 * The dispatcher's throughput to a local SMTP server (smtp-server in this process): N e-mails
 * queued in the outbox, then 1 or 3 app processes start and drain it. And the whole path from
 * N reminders coming due to N e-mails received, with 3 processes.
 */
export async function benchOutbox(baseURL: string, n: number): Promise<string[]> {
  const url = baseURL.replace(/\/([^/?]+)(\?|$)/, '/$1_outbox$2')
  const rows: string[] = []
  const env = (sink: MailSink) => ({ ...TEST_ENV, DATABASE_URL: url, SMTP_URL: sink.smtpURL, SCHEDULER_ENABLED: 'true', SCHEDULER_TICK_SECONDS: '0.5' })

  for (const processes of [1, 3]) {
    await resetTestDatabase(url)
    const sink = await startMailSink()
    const { db, pool } = createDb(url, 2)
    for (let i = 0; i < n; i += 1000) {
      await db.insert(outbox).values(Array.from({ length: Math.min(1000, n - i) }, (_, j) => ({
        channel: 'email' as const,
        kind: 'bench',
        idempotencyKey: `bench:${i + j}`,
        recipient: `user${(i + j) % 50}@bench.test`,
        payload: { to: `user${(i + j) % 50}@bench.test`, subject: `Bench ${i + j}`, text: 'Halo, ini pengingat follow-up.', html: '<p>Halo, ini pengingat follow-up.</p>' },
        nextAttemptAt: new Date(),
      })))
    }
    const t0 = performance.now()
    const servers = await Promise.all(Array.from({ length: processes }, () => startServer(env(sink))))
    await until('outbox drained', () => sink.messages.length, n)
    const seconds = (performance.now() - t0) / 1000
    const [left] = await db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'sent'))
    rows.push(`| outbox dispatcher, ${n.toLocaleString('en')} e-mails to a local SMTP server, ${processes} process${processes > 1 ? 'es' : ''} (OUTBOX_CONCURRENCY 8 each) | ${Math.round(n / seconds).toLocaleString('en')} e-mails/s (${seconds.toFixed(1)} s from process start, incl. start-up; ${left!.n} marked sent, ${sink.messages.length - new Set(sink.messages.map(m => m.key)).size} duplicates) |`)
    for (const s of servers) s.child.kill()
    await pool.end()
    await sink.close()
  }

  // Reminders coming due -> notifications + e-mails, 3 processes already running.
  await resetTestDatabase(url)
  const sink = await startMailSink()
  const { db, pool } = createDb(url, 2)
  const servers = await Promise.all(Array.from({ length: 3 }, () => startServer(env(sink))))
  const dueAt = new Date(Date.now() + 3000)
  await seedDueFollowUpsWith(db, n, STAFF, dueAt, 'Bench')
  await until('reminder e-mails', () => sink.messages.length, n)
  const lag = (Date.now() - dueAt.getTime()) / 1000
  const [fired] = await db.select({ n: count() }).from(reminders).where(eq(reminders.status, 'fired'))
  rows.push(`| ${n.toLocaleString('en')} follow-ups due at once, 3 processes: reminder -> notification -> e-mail received | last e-mail ${lag.toFixed(1)} s after the due time (${Math.round(n / lag).toLocaleString('en')}/s end to end; ${fired!.n} reminders fired once) |`)
  for (const s of servers) s.child.kill()
  await pool.end()
  await sink.close()
  return rows
}

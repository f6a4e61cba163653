import type { ChildProcess } from 'node:child_process'
import { inject } from 'vitest'
import { createDb } from '../../server/db/client'
import { resetTestDatabase, startServer } from './global-setup'
import { TEST_ENV } from './env'
import { startMailSink } from './mail-sink'
import { seedDueFollowUpsWith } from './seed-due'
import type { MailSink } from './mail-sink'

export interface Cluster {
  databaseURL: string
  db: ReturnType<typeof createDb>['db']
  sink: MailSink
  servers: { url: string, child: ChildProcess }[]
  close: () => Promise<void>
}

/**
 * A database of its own, a real SMTP server in this process, and `processes` app servers running
 * the scheduler every half second against that database (as several instances would in production).
 */
export async function startCluster(name: string, processes: number, env: Record<string, string> = {}): Promise<Cluster> {
  const databaseURL = inject('databaseURL').replace(/\/([^/?]+)(\?|$)/, `/$1_${name}$2`)
  await resetTestDatabase(databaseURL)
  const sink = await startMailSink()
  const serverEnv = {
    ...TEST_ENV,
    DATABASE_URL: databaseURL,
    SMTP_URL: sink.smtpURL,
    SCHEDULER_ENABLED: 'true',
    SCHEDULER_TICK_SECONDS: '0.5',
    OUTBOX_RETRY_BASE_SECONDS: '0.5',
    OUTBOX_LEASE_SECONDS: '3',
    OUTBOX_MAX_ATTEMPTS: '30',
    ...env,
  }
  const servers = await Promise.all(Array.from({ length: processes }, () => startServer(serverEnv)))
  const { db, pool } = createDb(databaseURL, 4)
  return {
    databaseURL,
    db,
    sink,
    servers,
    close: async () => {
      for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGTERM')
      await pool.end()
      await sink.close()
    },
  }
}

/** `count` leads spread over the given users, each with a follow-up reminder at `remindAt`. */
export const seedDueFollowUps = seedDueFollowUpsWith

export async function waitFor<T>(what: string, probe: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const started = Date.now()
  let last: T = await probe()
  while (!done(last)) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(last)}`)
    await new Promise(r => setTimeout(r, everyMs))
    last = await probe()
  }
  return last
}

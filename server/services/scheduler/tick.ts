import { useDb } from '../../utils/db'
import { useEnv } from '../../utils/env'
import { dispatchOutbox } from '../outbox/dispatch'
import { queueDailyDigests } from '../reminders/digest'
import { fireDueReminders } from '../reminders/fire'

export interface TickResult {
  skipped?: 'disabled'
  reminders: number
  digests: number
  sent: number
  retried: number
  failed: number
}

let running: Promise<TickResult> | null = null

/**
 * One scheduler run: fire due reminders, queue the 07:00 digest, dispatch the outbox. Safe in every
 * process at once, since each step claims its rows in the database. Within a process, a tick that
 * comes while one is running shares it instead of overlapping.
 */
export function runSchedulerTick(): Promise<TickResult> {
  if (!useEnv().SCHEDULER_ENABLED) return Promise.resolve({ skipped: 'disabled', reminders: 0, digests: 0, sent: 0, retried: 0, failed: 0 })
  running ??= tick().finally(() => {
    running = null
  })
  return running
}

async function tick(): Promise<TickResult> {
  const db = useDb()
  const step = async <T>(name: string, run: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await run()
    }
    catch (error) {
      // One failing step (say, the database restarting) must not stop the others or the next tick.
      console.error(`[scheduler] ${name} failed:`, error)
      return fallback
    }
  }
  const reminders = await step('reminders', () => fireDueReminders(db), 0)
  const digests = await step('digest', () => queueDailyDigests(db), 0)
  const budget = Math.max(1000, useEnv().SCHEDULER_TICK_SECONDS * 1000 - 2000)
  const sent = await step('outbox', () => dispatchOutbox(db, budget), { sent: 0, retried: 0, failed: 0 })
  return { reminders, digests, ...sent }
}

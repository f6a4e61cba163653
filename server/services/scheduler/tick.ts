import { useEnv } from '../../utils/env'

export interface TickResult {
  skipped?: 'disabled' | 'busy'
  reminders?: number
  digests?: number
  sent?: number
  failed?: number
}

let running: Promise<TickResult> | null = null

/**
 * One scheduler run. Safe in every process at once: each step claims its rows in the database.
 * Within a process, overlapping ticks share the run in progress.
 */
export function runSchedulerTick(): Promise<TickResult> {
  if (!useEnv().SCHEDULER_ENABLED) return Promise.resolve({ skipped: 'disabled' })
  running ??= tick().finally(() => {
    running = null
  })
  return running
}

async function tick(): Promise<TickResult> {
  return {}
}

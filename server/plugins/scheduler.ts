import { runSchedulerTick } from '../services/scheduler/tick'
import { closeMailer } from '../services/outbox/mailer'
import { useEnv } from '../utils/env'

/**
 * The Nitro cron runs the scheduler every minute (nuxt.config). With SCHEDULER_TICK_SECONDS below
 * 60 this process also runs it on that interval, for reminders and e-mails within seconds.
 */
export default defineNitroPlugin((nitroApp) => {
  const env = useEnv()
  if (!env.SCHEDULER_ENABLED || env.SCHEDULER_TICK_SECONDS >= 60) return
  const timer = setInterval(() => {
    runSchedulerTick().catch(error => console.error('[scheduler] tick failed:', error))
  }, env.SCHEDULER_TICK_SECONDS * 1000)
  timer.unref()
  nitroApp.hooks.hook('close', () => {
    clearInterval(timer)
    closeMailer()
  })
})

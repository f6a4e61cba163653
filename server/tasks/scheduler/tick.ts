import { runSchedulerTick } from '../../services/scheduler/tick'

export default defineTask({
  meta: { name: 'scheduler:tick', description: 'Fire due reminders, queue the 07:00 digest, dispatch the outbox' },
  async run() {
    return { result: await runSchedulerTick() }
  },
})

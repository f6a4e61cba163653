export { scheduleReminder, cancelReminder } from './schedule'
export { fireDueReminders, reminderKey } from './fire'

export { scheduleReminder, cancelReminder } from './schedule'

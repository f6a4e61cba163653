import { sql } from 'drizzle-orm'

export default defineEventHandler(async (event) => {
  const started = performance.now()
  try {
    await useDb().execute(sql`SELECT 1`)
    return { status: 'ok', database: 'up', latencyMs: Math.round(performance.now() - started) }
  }
  catch {
    setResponseStatus(event, 503)
    return { status: 'error', database: 'down' }
  }
})

/**
 * Defence in depth: every /api route needs a live session unless listed here. Handlers still
 * call requireUser() with their permission; this catches a handler that forgot to.
 */
const PUBLIC_API = [/^\/api\/auth\/login$/, /^\/api\/auth\/logout$/, /^\/api\/health$/, /^\/api\/_/]

export default defineEventHandler(async (event) => {
  const path = event.path.split('?')[0]!
  if (!path.startsWith('/api/') || PUBLIC_API.some(re => re.test(path))) return
  await requireUser(event)
})

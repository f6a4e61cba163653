/**
 * Defence in depth: every /api route needs a live session unless listed here. Handlers still
 * call requireUser() with their permission; this catches a handler that forgot to. Shared report links open by their token (server/api/shared). The web intake authenticates
 * landing pages by site key instead (server/api/intake/index.post.ts).
 */
const PUBLIC_API = [/^\/api\/auth\/login$/, /^\/api\/auth\/logout$/, /^\/api\/health$/, /^\/api\/_/, /^\/api\/intake\/?$/, /^\/api\/shared\/[^/]+$/]

export default defineEventHandler(async (event) => {
  const path = event.path.split('?')[0]!
  if (!path.startsWith('/api/') || PUBLIC_API.some(re => re.test(path))) return
  await requireUser(event)
})

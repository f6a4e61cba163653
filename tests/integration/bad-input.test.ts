import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPORT_NAMES } from '#shared/enums/reports'
import { PREFERENCE_KEYS } from '#shared/schemas/preferences'
import { testDb } from '../support/db'
import { baseURL, login } from '../support/http'

/**
 * Every API route, signed in as the Owner, fed malformed ids, bodies and query strings: the project's rule is
 * "bad input gets a clear 4xx with field errors, never a 500, never a partial write". The routes are found on
 * disk at test time, so a new route is walked without touching this file.
 */

const API_DIR = fileURLToPath(new URL('../../server/api', import.meta.url))
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

/** Routes left out, each with the reason. Keyed by `METHOD /api/path`. */
const SKIPS: Record<string, string> = {
  'POST /api/auth/login': 'signs in; its bad input is covered by auth.test.ts and failures count towards the login throttle',
  'POST /api/auth/logout': 'would end the session the walk runs with',
  'GET /api/health': 'public liveness probe without input',
  'GET /api/notifications/stream': 'SSE stream: the response never ends',
  'POST /api/intake': 'public web-to-lead endpoint authenticated by a site key; bad requests count towards its rate limit (intake.test.ts)',
  'GET /api/shared/[token]': 'public read of a share token, no session; covered by share-links.test.ts',
}

/** Routes whose body may rightly take any of the values sent (they are reset after the walk). */
const ACCEPTED_BY_DESIGN: Record<string, string> = {
  'PUT /api/me/preferences/[key]': 'a preference value is any JSON object of up to 8 KB',
}

interface Route { method: Method, path: string, file: string, params: string[], source: string }

function discoverRoutes(): Route[] {
  const routes: Route[] = []
  for (const rel of readdirSync(API_DIR, { recursive: true }) as string[]) {
    const match = rel.replaceAll('\\', '/').match(/^(.*?)\.(get|post|put|patch|delete)\.ts$/)
    if (!match) continue
    const segments = match[1]!.split('/')
    if (segments.at(-1) === 'index') segments.pop()
    const path = `/api/${segments.join('/')}`.replace(/\/$/, '')
    const params = [...path.matchAll(/\[(\w+)\]/g)].map(m => m[1]!)
    routes.push({ method: match[2] as Method, path, file: rel, params, source: readFileSync(`${API_DIR}/${rel}`, 'utf8') })
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`))
}

// --- the fields each route knows: the keys of the shared zod schemas its handler imports ---------------------

const schemaModules = import.meta.glob<Record<string, unknown>>('../../shared/schemas/*.ts', { eager: true })

function keysOf(schema: unknown, seen = new Set<unknown>()): string[] {
  const def = (schema as { _zod?: { def?: Record<string, any> } })?._zod?.def
  if (!def || seen.has(schema)) return []
  seen.add(schema)
  switch (def.type) {
    case 'object': return Object.keys(def.shape)
    case 'pipe': return [...keysOf(def.in, seen), ...keysOf(def.out, seen)]
    case 'union': return def.options.flatMap((o: unknown) => keysOf(o, seen))
    case 'intersection': return [...keysOf(def.left, seen), ...keysOf(def.right, seen)]
    default: return def.innerType ? keysOf(def.innerType, seen) : []
  }
}

const reportSchemas: Record<string, unknown> = {
  ...schemaModules['../../shared/schemas/reports.ts'],
  ...(schemaModules['../../shared/schemas/reports.ts']?.reportQuerySchemas as Record<string, unknown>),
}
/** Handlers that pass the raw input on to a service, and the schemas (of shared/schemas/reports.ts) it checks it with. */
const SERVICE_SCHEMAS: Record<string, string[]> = {
  'GET /api/reports/[name]': [...REPORT_NAMES],
  'POST /api/share-links': ['shareLinkCreateSchema'],
}
const COMMON_KEYS = ['from', 'id', 'month', 'page', 'pageSize', 'q', 'stage', 'to']

function routeKeys(route: Route): string[] {
  const keys = new Set<string>()
  for (const [, names, mod] of route.source.matchAll(/import\s*\{([^}]+)\}\s*from\s*'#shared\/schemas\/([\w-]+)'/g)) {
    const exports = schemaModules[`../../shared/schemas/${mod}.ts`] ?? {}
    for (const name of names!.split(',').map(n => n.replace(/^\s*type\s+/, '').trim()).filter(Boolean)) {
      for (const key of keysOf(exports[name])) keys.add(key)
    }
  }
  // Handlers that hand the raw input to a service validate there with the schemas named here.
  for (const name of SERVICE_SCHEMAS[`${route.method.toUpperCase()} ${route.path}`] ?? []) {
    for (const key of keysOf(reportSchemas[name])) keys.add(key)
  }
  for (const param of route.params) keys.delete(param)
  // A route without input still gets the usual suspects.
  return keys.size ? [...keys].sort() : COMMON_KEYS
}

// --- malformed values -------------------------------------------------------------------------------------

const BAD_IDS = ['abc', '-1', '0', '1.5', '99999999999999999999']
const LONG = 'x'.repeat(10_000)
/** Wrong types, and numbers that pass as integers but no INT column or page holds (they reach the SQL). */
const BAD_QUERY_VALUES = ['abc', '-1', '1.5', '99999999999999999999', '9007199254740991', '2147483648', '2026-13-45', 'x'.repeat(2_000)]
/**
 * Wrong types for a JSON field: numbers as objects, huge strings, out-of-range numbers, arrays, null. No plain
 * short string: it is a valid name or password somewhere, and the walk must not change the Owner's password.
 */
const BAD_BODY_VALUES: unknown[] = [{ nested: { deeper: 1 } }, LONG, -1, 1e300, 1.5, ['a', 1, null], null]
/** Impossible dates and times, for the fields that hold one. */
const BAD_DATES = ['2026-13-45', '2026-02-30T25:61:00Z', '2026-13']
const isDateKey = (key: string) => /(At|Date|date|month|Month|^from$|^to$|^day$)$/.test(key)
/** Sent one field at a time: only values no field of the API takes, so nothing is accepted and written. */
const BAD_FIELD_VALUES: unknown[] = [{ nested: { deeper: 1 } }, LONG, 1e300, ['a', 1, null]]

/**
 * Values to put into a path parameter when the request is about the body or the query. An id is well formed but
 * of no row: the other test files share this database and run alongside, so a body that some route does accept
 * (null clears a nullable field) must not change one of their rows.
 */
const NO_SUCH_ID = '2147480000'
function goodParam(route: Route, name: string): string[] {
  if (name === 'name' && route.path.startsWith('/api/reports/')) return [...REPORT_NAMES]
  if (name === 'key' && route.path.startsWith('/api/me/preferences/')) return [...PREFERENCE_KEYS]
  return [NO_SUCH_ID]
}

function fill(route: Route, values: Record<string, string>): string {
  return route.path.replace(/\[(\w+)\]/g, (_, name: string) => encodeURIComponent(values[name]!))
}

/** Every combination of the good values of a route's params (reports: each report; preferences: each key). */
function goodPaths(route: Route): string[] {
  let paths: Record<string, string>[] = [{}]
  for (const p of route.params) paths = paths.flatMap(v => goodParam(route, p).map(g => ({ ...v, [p]: g })))
  return paths.map(v => fill(route, v))
}

// --- HTTP and the database --------------------------------------------------------------------------------

interface Answer { status: number, body: any, request: string }

let token = ''
async function send(method: Method, path: string, body?: { raw: string } | { json: unknown }): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' }
  let payload: string | undefined
  if (body) {
    headers['content-type'] = 'application/json'
    payload = 'raw' in body ? body.raw : JSON.stringify(body.json)
  }
  const res = await fetch(`${baseURL()}${path}`, { method: method.toUpperCase(), headers, body: payload })
  const text = await res.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  }
  catch { /* not JSON */ }
  const shown = payload && payload.length > 200 ? `${payload.slice(0, 200)}…` : payload
  return { status: res.status, body: parsed, request: `${method.toUpperCase()} ${path.length > 300 ? `${path.slice(0, 300)}…` : path}${shown ? ` ${shown}` : ''}` }
}

const { db, pool } = testDb()
afterAll(() => pool.end())

/** Tables a request may write. Derived data (facts, versions), sessions and the event log are left out. */
let countSql = ''
async function rowCounts(): Promise<Record<string, number>> {
  const [rows] = await db.execute(sql.raw(countSql)) as unknown as [Record<string, number | string>[]]
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]))
}

const routes = discoverRoutes()
const walked = routes.filter(r => !SKIPS[`${r.method.toUpperCase()} ${r.path}`])
const problems: string[] = []
let requests = 0

function check(answer: Answer, extra?: string) {
  requests += 1
  if (answer.status >= 500) {
    problems.push(`${answer.status} ← ${answer.request}: ${JSON.stringify(answer.body).slice(0, 300)}`)
  }
  else if (answer.status === 400) {
    const data = answer.body?.data
    if (!data || typeof data.fieldErrors !== 'object' || data.fieldErrors === null || Array.isArray(data.fieldErrors)) {
      problems.push(`400 without data.fieldErrors ← ${answer.request}: ${JSON.stringify(answer.body).slice(0, 300)}`)
    }
  }
  if (extra) problems.push(`${extra} ← ${answer.request}`)
}

/** Run `tasks` a few at a time: fast, and the same requests every run. */
async function pool8<T>(items: T[], task: (item: T) => Promise<void>) {
  let next = 0
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < items.length) await task(items[next++]!)
  }))
}

beforeAll(async () => {
  token = await login('owner@demo.test')
  const [tables] = await db.execute(sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'`) as unknown as [{ name: string }[]]
  const counted = tables.map(t => t.name)
    .filter(name => !/(_facts|^sessions|^event_logs|^data_versions|^share_link_views|^__drizzle)/.test(name))
    .sort()
  expect(counted).toContain('leads')
  countSql = `SELECT ${counted.map(name => `(SELECT COUNT(*) FROM \`${name}\`) AS \`${name}\``).join(', ')}`
})

describe('bad input on every API route (signed in as the Owner)', () => {
  it('finds the routes on disk and skips only the listed ones', () => {
    const found = new Set(routes.map(r => `${r.method.toUpperCase()} ${r.path}`))
    for (const skipped of Object.keys(SKIPS)) expect(found, `skip of a route that no longer exists: ${skipped}`).toContain(skipped)
    expect(walked.length).toBeGreaterThan(70)
  })

  it('malformed ids in the path answer 400 or 404, never a success or a 500', async () => {
    problems.length = 0
    const tasks = walked.filter(r => r.params.length).flatMap(route => route.params.flatMap(param =>
      BAD_IDS.map(bad => ({ route, path: fill(route, Object.fromEntries(route.params.map(p => [p, p === param ? bad : goodParam(route, p)[0]!]))) }))))
    expect(tasks.length).toBeGreaterThan(80)
    const before = await rowCounts()
    await pool8(tasks, async ({ route, path }) => {
      const answer = await send(route.method, path, route.method === 'get' || route.method === 'delete' ? undefined : { json: {} })
      check(answer, answer.status < 400 || ![400, 404].includes(answer.status) ? `expected 400/404, got ${answer.status}` : undefined)
    })
    expect(await rowCounts()).toEqual(before)
    expect(problems).toEqual([])
  })

  it('query strings with wrong types never answer 500, and 400s carry field errors', async () => {
    problems.length = 0
    const tasks: { route: Route, path: string }[] = []
    for (const route of walked.filter(r => r.method === 'get')) {
      const keys = routeKeys(route)
      for (const path of goodPaths(route)) {
        tasks.push(
          { route, path: `${path}?page=-1&pageSize=100000&stage=abc&from=2026-13-45&to=2026-13-45&month=2026-13` },
          { route, path: `${path}?${keys.map(k => `${k}=1&${k}=2`).join('&')}` },
          { route, path: `${path}?${keys.map(k => `${encodeURIComponent(`${k}[a]`)}=1`).join('&')}` },
        )
        for (const key of keys) {
          for (const bad of BAD_QUERY_VALUES) tasks.push({ route, path: `${path}?${key}=${encodeURIComponent(bad)}` })
        }
      }
    }
    expect(tasks.length).toBeGreaterThan(500)
    await pool8(tasks, async ({ route, path }) => check(await send(route.method, path)))
    expect(problems).toEqual([])
  })

  it('malformed bodies answer 4xx with field errors and write nothing', async () => {
    problems.length = 0
    const tasks: { route: Route, path: string, body: { raw: string } | { json: unknown } }[] = []
    // DELETE routes read no body; their ids are walked above (a good id here would delete a row).
    for (const route of walked.filter(r => r.method !== 'get' && r.method !== 'delete')) {
      const keys = routeKeys(route)
      for (const path of goodPaths(route)) {
        tasks.push({ route, path, body: { raw: '{"studentName": "x",' } }, { route, path, body: { json: [{ id: 1 }, 2] } })
        for (const bad of BAD_BODY_VALUES) tasks.push({ route, path, body: { json: Object.fromEntries(keys.map(k => [k, bad])) } })
        const dateKeys = keys.filter(isDateKey)
        if (dateKeys.length) for (const bad of BAD_DATES) tasks.push({ route, path, body: { json: Object.fromEntries(dateKeys.map(k => [k, bad])) } })
        for (const bad of BAD_FIELD_VALUES) {
          for (const key of keys) tasks.push({ route, path, body: { json: { [key]: bad } } })
        }
      }
    }
    expect(tasks.length).toBeGreaterThan(300)
    const accepted: string[] = []
    const saved = await Promise.all(PREFERENCE_KEYS.map(async key => (await send('get', `/api/me/preferences/${key}`)).body?.value ?? null))
    // One at a time, with the row counts of every table a request could write checked around each 4xx.
    for (const { route, path, body } of tasks) {
      const before = await rowCounts()
      const answer = await send(route.method, path, body)
      let extra: string | undefined
      if (answer.status >= 400 && answer.status < 500) {
        const after = await rowCounts()
        const changed = Object.keys(after).filter(t => after[t] !== before[t])
        if (changed.length) extra = `answered ${answer.status} but wrote to ${changed.join(', ')}`
      }
      check(answer, extra)
      if (answer.status < 400 && !ACCEPTED_BY_DESIGN[`${route.method.toUpperCase()} ${route.path}`]) accepted.push(`${answer.status} ← ${answer.request}`)
    }
    // Put the Owner's preferences back as they were (a preference is any JSON object).
    const owner = (await send('get', '/api/auth/session')).body.id as number
    for (const [i, key] of PREFERENCE_KEYS.entries()) {
      if (saved[i]) await send('put', `/api/me/preferences/${key}`, { json: { value: saved[i] } })
      else await db.execute(sql`DELETE FROM user_preferences WHERE user_id = ${owner} AND \`key\` = ${key}`)
    }
    expect(problems).toEqual([])
    expect(accepted).toEqual([])
  })

  it('walked enough of the API to mean something', () => {
    console.info(`walked ${walked.length} routes with ${requests} requests; skipped ${Object.keys(SKIPS).length}`)
    expect(requests).toBeGreaterThan(1_000)
  })
})

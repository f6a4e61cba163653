/**
 * `npm run bench`: speed and memory of the foundation, measured against the built server and a
 * real database (the test database's name + `_bench`). Prints a table for the README.
 *   --leads N     demo leads to generate for the generator benchmark (default 50000)
 *   --seconds S   duration of each HTTP load phase (default 10)
 *   --emails N    e-mails for the outbox dispatcher benchmark (default 2000)
 *   --only outbox run only the outbox benchmark
 *   --only leads  run only the generator (unless --reuse), the leads views and the team's other screens
 *   --only dashboard  run only the demo data (or --reuse) and the dashboard benchmark
 *   --only reports  run only the demo data (or --reuse) and the reports benchmark
 *   --reuse       keep the bench database when it already holds exactly --leads leads (skips the generator)
 *   --runs N      timed requests per leads view (default 100), each followed by one replay of its SQL
 *   --warmup N    untimed requests and replays per leads view before those (default 100)
 */
import { and, count, eq, isNotNull } from 'drizzle-orm'
import { createDb } from '../../server/db/client'
import { leads, users } from '../../server/db/schema'
import { decryptField } from '../../server/utils/crypto'
import { generateDemoData } from '../../server/db/seed/demo-data'
import { TEST_DATABASE_URL, TEST_ENV } from '../support/env'
import { resetTestDatabase, startServer } from '../support/global-setup'
import { captureLeadsSql } from './leads-sql'
import { jsonGetter } from './http-get'
import { startStaticServer } from './static-server'
import { benchOutbox } from './outbox'
import { benchDashboard } from './dashboard'
import { benchReports } from './reports'
import { benchTeamViews } from './team-views'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}
const LEADS = arg('leads', 50_000)
const SECONDS = arg('seconds', 10)
const EMAILS = arg('emails', 2000)
const RUNS = arg('runs', 100)
const WARMUP = arg('warmup', 100)
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined
const REUSE = process.argv.includes('--reuse')
const CONCURRENCY = 32
// Next to the test database's name (crm_test -> crm_test_bench), so clones with their own databases never share one.
const url = TEST_DATABASE_URL.replace(/\/([^/?]+)(\?|$)/, '/$1_bench$2')

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0
}

export type Load = typeof load

async function load(name: string, fn: () => Promise<Response>) {
  const latencies: number[] = []
  let errors = 0
  const until = Date.now() + SECONDS * 1000
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < until) {
      const t = performance.now()
      const res = await fn()
      await res.arrayBuffer()
      latencies.push(performance.now() - t)
      if (res.status >= 400) errors++
    }
  }))
  latencies.sort((a, b) => a - b)
  return { name, count: latencies.length, rps: Math.round(latencies.length / SECONDS), p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), p99: percentile(latencies, 0.99), errors }
}

async function rssOf(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises')
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
}

/** Whether the bench database exists and holds exactly `n` leads (a previous run's, for --reuse). */
async function holdsLeads(url: string, n: number): Promise<boolean> {
  const { db, pool } = createDb(url, 1)
  try {
    const [row] = await db.select({ n: count() }).from(leads)
    return row?.n === n
  }
  catch {
    return false
  }
  finally {
    await pool.end()
  }
}

async function main() {
  // The generator encrypts with this process's keys: they must be the server's.
  Object.assign(process.env, TEST_ENV, { DATABASE_URL: url })
  const rows: string[] = []
  if (ONLY === 'outbox') {
    rows.push(...await benchOutbox(url, EMAILS))
    console.log(`\n| benchmark | result |\n| --- | --- |\n${rows.join('\n')}\n`)
    return
  }
  if (!(REUSE && await holdsLeads(url, LEADS))) {
    await resetTestDatabase(url)
    const { db, pool } = createDb(url, 4)
    const gen = await generateDemoData(db, { leads: LEADS })
    await pool.end()
    rows.push(`| demo-data generator, ${LEADS.toLocaleString('en')} leads | ${Math.round(LEADS / gen.seconds).toLocaleString('en')} leads/s (${gen.seconds.toFixed(1)} s; ${gen.activities.toLocaleString('en')} activities, ${gen.stageHistory.toLocaleString('en')} stage changes) |`)
  }

  const serverEnv = { ...TEST_ENV, DATABASE_URL: url, LOGIN_MAX_FAILURES: '1000000' }
  const { url: base, child } = await startServer(serverEnv)
  try {
    const rssIdle = await rssOf(child.pid!)
    const loginTimes: number[] = []
    let token = ''
    for (let i = 0; i < 20; i++) {
      const t = performance.now()
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.9.${i}` }, body: JSON.stringify({ email: 'owner@demo.test', password: 'demo12345' }) })
      token = ((await res.json()) as { token: string }).token
      loginTimes.push(performance.now() - t)
    }
    loginTimes.sort((a, b) => a - b)
    rows.push(`| POST /api/auth/login (argon2id verify), sequential | p50 ${percentile(loginTimes, 0.5).toFixed(1)} ms, p95 ${percentile(loginTimes, 0.95).toFixed(1)} ms |`)

    const auth = { headers: { authorization: `Bearer ${token}` } }
    if (ONLY === 'reports') {
      rows.push(...await benchReports(base, token))
      console.log(`\n| benchmark | result |\n| --- | --- |\n${rows.join('\n')}\n`)
      return
    }
    if (ONLY === 'dashboard') {
      rows.push(...await benchDashboard(base, url, token, load, CONCURRENCY, serverEnv, child.pid!))
      console.log(`\n| benchmark | result |\n| --- | --- |\n${rows.join('\n')}\n`)
      return
    }

    // The leads views issue 3 names, sequential requests. Each request is followed by one replay of the same view's
    // SQL straight through mysql2, so both sides see the same machine (2 cores shared with other work); medians are
    // taken after a warm-up, as a running server is warm.
    const { db: bdb, pool: bpool } = createDb(url, 1)
    const [ownerRow] = await bdb.select().from(users).where(eq(users.email, 'owner@demo.test'))
    const owner = { id: ownerRow!.id, name: ownerRow!.name, email: ownerRow!.email, role: ownerRow!.role, locale: 'id', sessionId: 'bench' }
    const [sample] = await bdb.select({ assignedTo: leads.assignedTo, stageId: leads.stageId, school: leads.school, phoneEnc: leads.phoneEnc })
      .from(leads).where(and(isNotNull(leads.assignedTo), isNotNull(leads.phoneEnc))).limit(1)
    await bpool.end()
    const phone = decryptField(sample!.phoneEnc!).replace('+62', '0')
    const views: [string, string][] = [
      ['first page, default view', '/api/leads'],
      ['stage + assignee filter', `/api/leads?stage=${sample!.stageId}&assignee=${sample!.assignedTo}`],
      ['phone search (typed 08…)', `/api/leads?q=${encodeURIComponent(phone)}`],
      ['school-name search', `/api/leads?school=${encodeURIComponent(sample!.school!.split(' ').slice(0, 3).join(' '))}`],
    ]
    // The floor under every view: a request that does nothing but HTTP, Nitro and the session check.
    const client = jsonGetter(base, token)
    const floor: number[] = []
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const t = performance.now()
      await client.get('/api/auth/session')
      if (i >= WARMUP) floor.push(performance.now() - t)
    }
    floor.sort((a, b) => a - b)
    rows.push(`| GET /api/auth/session, sequential (HTTP, Nitro, the session check: the floor under each view) | median ${percentile(floor, 0.5).toFixed(2)} ms, p95 ${percentile(floor, 0.95).toFixed(1)} ms |`)
    // The floor under the first page: its 25 rows as JSON, answered from memory by a bare node:http process.
    const firstPage = await client.get<unknown>('/api/leads')
    const bare = await startStaticServer(JSON.stringify(firstPage.body))
    const bareClient = jsonGetter(bare.url, token)
    const bareTimes: number[] = []
    try {
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const t = performance.now()
        await bareClient.get('/')
        if (i >= WARMUP) bareTimes.push(performance.now() - t)
      }
    }
    finally {
      bareClient.close()
      bare.close()
    }
    bareTimes.sort((a, b) => a - b)
    rows.push(`| the first page's JSON (${(JSON.stringify(firstPage.body).length / 1024).toFixed(1)} KiB) from memory, bare node:http process, sequential (no Nitro, no SQL: the least any Node API takes to hand it over) | median ${percentile(bareTimes, 0.5).toFixed(2)} ms, p95 ${percentile(bareTimes, 0.95).toFixed(1)} ms |`)
    for (const [name, path] of views) {
      const direct = await captureLeadsSql(url, owner, path.split('?')[1] ?? '')
      const api: number[] = []
      const sql: number[] = []
      let total = 0
      try {
        for (let i = 0; i < WARMUP + RUNS; i++) {
          const t = performance.now()
          const res = await client.get<{ total: number }>(path)
          if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`)
          total = res.body.total
          const apiMs = performance.now() - t
          const sqlMs = await direct.run()
          if (i >= WARMUP) {
            api.push(apiMs)
            sql.push(sqlMs)
          }
        }
      }
      finally {
        await direct.close()
      }
      api.sort((a, b) => a - b)
      sql.sort((a, b) => a - b)
      const [apiMedian, sqlMedian] = [percentile(api, 0.5), percentile(sql, 0.5)]
      rows.push(`| GET /api/leads: ${name} (${total.toLocaleString('en')} matches) | median ${apiMedian.toFixed(2)} ms, p95 ${percentile(api, 0.95).toFixed(1)} ms; same ${direct.statements} SQL statements via mysql2 ${sqlMedian.toFixed(2)} ms (API/SQL ${(apiMedian / sqlMedian).toFixed(2)}×) |`)
    }
    client.close()
    rows.push(...await benchTeamViews(base, token))
    if (ONLY === 'leads') return
    rows.push(...await benchDashboard(base, url, token, load, CONCURRENCY, serverEnv, child.pid!))
    rows.push(...await benchReports(base, token))
    for (const r of [
      await load('GET /api/auth/session (session row check)', () => fetch(`${base}/api/auth/session`, auth)),
      await load('GET /api/users (owner)', () => fetch(`${base}/api/users`, auth)),
      await load('GET /api/health', () => fetch(`${base}/api/health`)),
    ]) {
      rows.push(`| ${r.name}, ${CONCURRENCY} concurrent | ${r.rps.toLocaleString('en')} req/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.errors} errors |`)
    }
    rows.push(`| server memory (RSS) | ${rssIdle.toFixed(0)} MiB idle, ${(await rssOf(child.pid!)).toFixed(0)} MiB after load |`)
  }
  finally {
    child.kill()
    if (ONLY === 'leads') console.log(`\n| benchmark | result |\n| --- | --- |\n${rows.join('\n')}\n`)
  }
  rows.push(...await benchOutbox(url, EMAILS))
  console.log(`\n| benchmark | result |\n| --- | --- |\n${rows.join('\n')}\n`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})

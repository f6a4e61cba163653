import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { sql } from 'drizzle-orm'
import { createDb } from '../../server/db/client'
import { startServer } from '../support/global-setup'
import type { Load } from './run'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
const fmt = (xs: number[]) => `median ${median(xs).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`

/**
 * The dashboard (issue 5: data under 200 ms at the median, each report under 500 ms, the rendered page at 50 req/s or
 * more). Its data API for the Owner (the whole team, the heaviest) and a Sales/CS user (their own), sequential:
 * cold (each request right after the data version moved, as any write moves it: everything computed from the rows)
 * and warm (the figures computed once for the version); the reports' APIs for this month; then the server-rendered
 * page `/` under concurrent load, signed in through the `auth.token` cookie as a browser is: from this one server
 * process, then from `npm run start:cluster` with one worker per core.
 */
export async function benchDashboard(
  base: string, dbUrl: string, ownerToken: string, load: Load, concurrency: number, serverEnv: Record<string, string>, serverPid: number,
): Promise<string[]> {
  const rows: string[] = []
  const salesRes = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.9.8.1' }, body: JSON.stringify({ email: 'sales@demo.test', password: 'demo12345' }) })
  const salesToken = ((await salesRes.json()) as { token: string }).token
  const { db, pool } = createDb(dbUrl, 1)
  // What every write does to the cached figures, without changing any: the next request computes afresh.
  const bump = () => db.execute(sql`UPDATE data_versions SET version = version + 1 WHERE name = 'dashboard'`)
  const get = async (path: string, token: string) => {
    const t = performance.now()
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } })
    await res.arrayBuffer()
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`)
    return performance.now() - t
  }
  try {
    for (const [who, token] of [['Owner', ownerToken], ['Sales/CS', salesToken]] as const) {
      const cold: number[] = []
      const warm: number[] = []
      for (let i = 0; i < 12; i++) {
        await bump()
        const t = await get('/api/reports/dashboard', token)
        if (i >= 2) cold.push(t)
      }
      for (let i = 0; i < 22; i++) {
        const t = await get('/api/reports/dashboard', token)
        if (i >= 2) warm.push(t)
      }
      rows.push(`| GET /api/reports/dashboard (${who}, this month), sequential | cold (right after a write): ${fmt(cold)}; warm: ${fmt(warm)} |`)
    }
    const month = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7)
    for (const [name, path] of [['targets', `/api/targets?month=${month}`], ['enrolments', `/api/enrollments?month=${month}`], ['ad spend', `/api/ad-spend?month=${month}`]]) {
      const times: number[] = []
      for (let i = 0; i < 12; i++) {
        const t = await get(path!, ownerToken)
        if (i >= 2) times.push(t)
      }
      rows.push(`| report: ${name} (\`GET ${path!.split('?')[0]}\`, Owner, this month), sequential | ${fmt(times)} |`)
    }
  }
  finally {
    await pool.end()
  }
  const page = (url: string) => () => fetch(`${url}/`, { headers: { cookie: `auth.token=${ownerToken}` } })
  // Requests per second depend on what else the 2 cores run; the server's CPU time per page does much less.
  const rendered = async (name: string, url: string, pid: number) => {
    const before = cpuMs(pid)
    const r = await load(name, page(url))
    const perPage = (cpuMs(pid) - before) / r.count
    const loadAvg = readFileSync('/proc/loadavg', 'utf8').split(' ')[0]
    rows.push(`| ${r.name}, ${concurrency} concurrent | ${r.rps.toLocaleString('en')} req/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.errors} errors; server CPU ${perPage.toFixed(1)} ms per page; machine load ${loadAvg} |`)
  }
  await (await page(base)()).arrayBuffer()
  await rendered('GET / (server-rendered dashboard, Owner, figures cached), 1 process', base, serverPid)
  const workers = availableParallelism()
  const cluster = await startServer({ ...serverEnv, WORKERS: String(workers) }, 'scripts/cluster.mjs')
  try {
    for (let i = 0; i < 2 * workers; i++) await (await page(cluster.url)()).arrayBuffer()
    await rendered(`GET / (the same), npm run start:cluster, ${workers} workers`, cluster.url, cluster.child.pid!)
  }
  finally {
    cluster.child.kill('SIGTERM')
  }
  return rows
}

/** CPU time (user + system) of a process and its children so far, in ms (Linux /proc, 100 ticks per second). */
function cpuMs(pid: number): number {
  const ticks = (p: number) => {
    const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return Number(fields[11]) + Number(fields[12])
  }
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
  return [pid, ...children].reduce((sum, p) => sum + ticks(p), 0) * 10
}

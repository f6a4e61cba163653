import type { Load } from './run'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0

/**
 * The dashboard: its data API for the Owner (the whole team, the heaviest) and a Sales/CS user (their own),
 * sequential, median of 20 after two warm-up requests; then the server-rendered page `/` (which fetches the same
 * data and the feed while rendering) under concurrent load, signed in through the `auth.token` cookie as a browser is.
 */
export async function benchDashboard(base: string, _dbUrl: string, ownerToken: string, load: Load, concurrency: number): Promise<string[]> {
  const rows: string[] = []
  const salesRes = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.9.8.1' }, body: JSON.stringify({ email: 'sales@demo.test', password: 'demo12345' }) })
  const salesToken = ((await salesRes.json()) as { token: string }).token
  for (const [who, token] of [['Owner', ownerToken], ['Sales/CS', salesToken]] as const) {
    const times: number[] = []
    for (let i = 0; i < 22; i++) {
      const t = performance.now()
      const res = await fetch(`${base}/api/reports/dashboard`, { headers: { authorization: `Bearer ${token}` } })
      await res.arrayBuffer()
      if (res.status !== 200) throw new Error(`dashboard answered ${res.status}`)
      if (i >= 2) times.push(performance.now() - t)
    }
    rows.push(`| GET /api/reports/dashboard (${who}, this month), sequential | median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms |`)
  }
  const r = await load('GET / (server-rendered dashboard, Owner)', () => fetch(`${base}/`, { headers: { cookie: `auth.token=${ownerToken}` } }))
  rows.push(`| ${r.name}, ${concurrency} concurrent | ${r.rps.toLocaleString('en')} req/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.errors} errors |`)
  return rows
}

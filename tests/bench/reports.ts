import { REPORT_NAMES } from '../../shared/enums/reports'
import { jakartaMonth, shiftMonth } from '../../shared/utils/months'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0

/**
 * Every report's API with its default filters, as the Owner (the whole team, the heaviest scope) and a Sales/CS
 * user: sequential, median of `runs` after one warm-up request; and a shared link opened without a session.
 */
export async function benchReports(base: string, ownerToken: string, runs = 5): Promise<string[]> {
  const rows: string[] = []
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.9.8.2' }, body: JSON.stringify({ email: 'sales@demo.test', password: 'demo12345' }) })
  const salesToken = ((await login.json()) as { token: string }).token
  const time = async (path: string, headers: Record<string, string> = {}) => {
    const times: number[] = []
    for (let i = 0; i <= runs; i++) {
      const t = performance.now()
      const res = await fetch(`${base}${path}`, { headers })
      await res.arrayBuffer()
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`)
      if (i > 0) times.push(performance.now() - t)
    }
    return { median: median(times), max: Math.max(...times) }
  }
  for (const name of REPORT_NAMES) {
    const owner = await time(`/api/reports/${name}`, { authorization: `Bearer ${ownerToken}` })
    const sales = name === 'ads' ? null : await time(`/api/reports/${name}`, { authorization: `Bearer ${salesToken}` })
    rows.push(`| GET /api/reports/${name} (default filters) | Owner median ${owner.median.toFixed(0)} ms (max ${owner.max.toFixed(0)})${sales ? `; Sales/CS ${sales.median.toFixed(0)} ms` : ''} |`)
  }
  // The other periods and groupings people pick: a year where the default is a month, a month where it is a year,
  // the free-text groupings.
  // Twelve whole Jakarta months. Not a Date moved back 11 months: from the 29th-31st that overflows into the month
  // after (31 May 2027 becomes "31 June 2026", i.e. 1 July) and the year has 11 months.
  const year = { from: shiftMonth(jakartaMonth(), -11), to: jakartaMonth() }
  for (const path of [
    `/api/reports/programs?from=${year.from}&to=${year.to}`,
    `/api/reports/team?from=${year.from}&to=${year.to}`,
    `/api/reports/leads?from=${year.to}&to=${year.to}`,
    `/api/reports/conversion?from=${year.to}&to=${year.to}`,
    '/api/reports/leads?by=admin',
    '/api/reports/ads?by=campaign',
    '/api/reports/leads?by=school',
    '/api/reports/leads?by=grade',
  ]) {
    const owner = await time(path, { authorization: `Bearer ${ownerToken}` })
    rows.push(`| GET ${path.replace(year.from, 'YYYY-MM').replaceAll(year.to, 'YYYY-MM')} | Owner median ${owner.median.toFixed(0)} ms (max ${owner.max.toFixed(0)}) |`)
  }
  const share = await fetch(`${base}/api/share-links`, {
    method: 'POST',
    headers: { 'authorization': `Bearer ${ownerToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ report: 'target-vs-real', params: {}, expiresInDays: 1 }),
  })
  const { url } = (await share.json()) as { url: string }
  const shared = await time(`/r/${url.split('/r/')[1]}`)
  rows.push(`| GET /r/<token> (shared target vs real, server-rendered, no session) | median ${shared.median.toFixed(0)} ms (max ${shared.max.toFixed(0)}) |`)
  return rows
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0

/**
 * The other screens the team opens all day, each once per person over and over: whole-team follow-ups, the team
 * view, the latest-updates feed, the enrolments list, the workload, the pipeline board (API and server-rendered
 * page). Sequential, median of `runs` after one warm-up request, as the Owner (the whole team) and a Sales/CS user.
 * These are where a sort over every row hid (17 s for the team's follow-ups at 1M leads before 2026-12-06).
 */
export async function benchTeamViews(base: string, ownerToken: string, runs = 10): Promise<string[]> {
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.9.8.3' }, body: JSON.stringify({ email: 'sales@demo.test', password: 'demo12345' }) })
  const salesToken = ((await login.json()) as { token: string }).token
  const time = async (path: string, token: string) => {
    const times: number[] = []
    let bytes = 0
    for (let i = 0; i <= runs; i++) {
      const t = performance.now()
      const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}`, cookie: `auth.token=${token}` } })
      bytes = (await res.arrayBuffer()).byteLength
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`)
      if (i > 0) times.push(performance.now() - t)
    }
    return `median ${median(times).toFixed(0)} ms (max ${Math.max(...times).toFixed(0)}), ${(bytes / 1024).toFixed(0)} KiB`
  }
  const yearStart = `${new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4)}-01-01`
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10)
  const views: [string, string, string][] = [
    ['follow-ups of everyone, overdue', '/api/follow-ups?user=all&bucket=overdue', ownerToken],
    ['follow-ups of everyone, upcoming, page 20', '/api/follow-ups?user=all&bucket=upcoming&page=20', ownerToken],
    ['follow-ups team view', '/api/follow-ups/team', ownerToken],
    ['own follow-ups, overdue (Sales/CS)', '/api/follow-ups?bucket=overdue', salesToken],
    ['latest updates feed', '/api/feed?limit=20', ownerToken],
    ['latest updates feed (Sales/CS)', '/api/feed?limit=20', salesToken],
    ['enrolments, all time', '/api/enrollments', ownerToken],
    ['enrolments, all time (Sales/CS)', '/api/enrollments', salesToken],
    ['enrolments, this year (Sales/CS)', `/api/enrollments?from=${yearStart}&to=${today}`, salesToken],
    ['workload', '/api/assignment/workload', ownerToken],
    ['unmapped UTM values', '/api/channels/unmapped', ownerToken],
    ['pipeline board', '/api/pipeline/board', ownerToken],
    ['pipeline board (Sales/CS)', '/api/pipeline/board', salesToken],
    ['/pipeline rendered', '/pipeline', ownerToken],
  ]
  const rows: string[] = []
  for (const [name, path, token] of views) rows.push(`| GET ${path.split('?')[0]}: ${name} | ${await time(path, token)} |`)
  return rows
}

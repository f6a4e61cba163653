import { execFileSync } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import mysql from 'mysql2/promise'
import { TEST_DATABASE_URL } from '../support/env'

const url = TEST_DATABASE_URL.replace(/\/([^/?]+)(\?|$)/, '/$1_setup$2')
const name = new URL(url).pathname.slice(1)
const server = new URL(url)
server.pathname = '/'

async function snapshot() {
  const conn = await mysql.createConnection({ uri: url })
  try {
    const [tables] = await conn.query<mysql.RowDataPacket[]>('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name', [name])
    const counts: Record<string, number> = {}
    for (const { t } of tables) {
      const [[row]] = await conn.query<mysql.RowDataPacket[]>(`SELECT COUNT(*) AS n FROM \`${t}\``) as unknown as [mysql.RowDataPacket[]]
      counts[t] = Number(row!.n)
    }
    const [stages] = await conn.query('SELECT code, name, probability, position, kind FROM pipeline_stages ORDER BY position')
    const [channels] = await conn.query('SELECT code, name, source_type FROM channels ORDER BY sort_order')
    return { counts, stages, channels }
  }
  finally {
    await conn.end()
  }
}

/** Keys whose kept lead count differs from the count of the live leads (see lead-month-facts.test.ts), and the team facts (team-facts.test.ts). */
async function factsDiffering() {
  const conn = await mysql.createConnection({ uri: url })
  try {
    const [rows] = await conn.query(`SELECT month, stage_id, channel_id, assigned_to, program_id, reached, SUM(n) AS n FROM (
      SELECT month, stage_id, channel_id, assigned_to, program_id, reached, leads AS n FROM lead_month_facts
      UNION ALL
      SELECT DATE_FORMAT(l.created_at + INTERVAL 7 HOUR, '%Y-%m'), l.stage_id, COALESCE(l.channel_id, 0), COALESCE(l.assigned_to, 0),
        COALESCE(l.program_id, 0), l.stages_reached, -1 FROM leads l WHERE l.deleted_at IS NULL
    ) d GROUP BY 1, 2, 3, 4, 5, 6 HAVING SUM(n) <> 0`)
    // And every lead's stages reached hold its history's stages and its current one.
    const [missing] = await conn.query(`SELECT h.lead_id FROM lead_stage_history h JOIN leads l ON l.id = h.lead_id
      WHERE FIND_IN_SET(h.to_stage_id, l.stages_reached) = 0 OR FIND_IN_SET(l.stage_id, l.stages_reached) = 0 LIMIT 5`)
    // The activity facts equal the live activities' count, every lead's first activity its earliest live one, and the
    // response facts the live leads' count by first-response hour.
    const [activityFacts] = await conn.query(`SELECT month, user_id, type, channel_id, program_id, SUM(n) AS n FROM (
      SELECT month, user_id, type, channel_id, program_id, activities AS n FROM activity_month_facts
      UNION ALL
      SELECT DATE_FORMAT(a.occurred_at + INTERVAL 7 HOUR, '%Y-%m'), COALESCE(a.user_id, 0), a.type, COALESCE(l.channel_id, 0),
        COALESCE(l.program_id, 0), -1 FROM activities a LEFT JOIN leads l ON l.id = a.lead_id WHERE a.deleted_at IS NULL
    ) d GROUP BY 1, 2, 3, 4, 5 HAVING SUM(n) <> 0`)
    const [firsts] = await conn.query(`SELECT l.id FROM leads l
      WHERE NOT (l.first_activity_at <=> (SELECT MIN(a.occurred_at) FROM activities a WHERE a.lead_id = l.id AND a.deleted_at IS NULL)) LIMIT 5`)
    const [responses] = await conn.query(`SELECT month, assigned_to, hour, SUM(n) AS n FROM (
      SELECT month, assigned_to, hour, leads AS n FROM lead_response_facts
      UNION ALL
      SELECT DATE_FORMAT(created_at + INTERVAL 7 HOUR, '%Y-%m'), COALESCE(assigned_to, 0),
        GREATEST(0, TIMESTAMPDIFF(SECOND, created_at, first_activity_at)) DIV 3600, -1
      FROM leads WHERE deleted_at IS NULL AND first_activity_at IS NOT NULL
    ) d GROUP BY 1, 2, 3 HAVING SUM(n) <> 0`)
    return [...rows as unknown[], ...missing as unknown[], ...activityFacts as unknown[], ...firsts as unknown[], ...responses as unknown[]]
  }
  finally {
    await conn.end()
  }
}

/** The same for the ads and forecast facts (see campaign-forecast-facts.test.ts). */
async function reportFactsDiffering() {
  const conn = await mysql.createConnection({ uri: url })
  try {
    const [campaigns] = await conn.query(`SELECT channel_id, month, campaign FROM (
      SELECT channel_id, month, campaign, leads, closings, CAST(revenue AS SIGNED) AS revenue FROM campaign_month_facts
      UNION ALL
      SELECT COALESCE(channel_id, 0), EXTRACT(YEAR_MONTH FROM created_at + INTERVAL 7 HOUR), COALESCE(TRIM(utm_campaign), '') COLLATE utf8mb4_bin, -1, 0, 0
      FROM leads WHERE deleted_at IS NULL
      UNION ALL
      SELECT COALESCE(e.channel_id, 0), EXTRACT(YEAR_MONTH FROM e.enrolled_at + INTERVAL 7 HOUR), COALESCE(TRIM(l.utm_campaign), '') COLLATE utf8mb4_bin,
        0, -1, -CAST(e.amount AS SIGNED)
      FROM enrollments e JOIN leads l ON l.id = e.lead_id WHERE e.status = 'active'
    ) d GROUP BY 1, 2, 3 HAVING SUM(leads) <> 0 OR SUM(closings) <> 0 OR SUM(revenue) <> 0`)
    const [forecast] = await conn.query(`SELECT stage_id, assigned_to, program_id, channel_id, month, by_follow_up FROM (
      SELECT stage_id, assigned_to, program_id, channel_id, month, by_follow_up, leads, CAST(expected_value AS SIGNED) AS value FROM lead_forecast_facts
      UNION ALL
      SELECT stage_id, COALESCE(assigned_to, 0), COALESCE(program_id, 0), COALESCE(channel_id, 0),
        COALESCE(EXTRACT(YEAR_MONTH FROM COALESCE(expected_close_on, next_follow_up_at + INTERVAL 7 HOUR)), 0),
        expected_close_on IS NULL AND next_follow_up_at IS NOT NULL, -1, -CAST(expected_value AS SIGNED)
      FROM leads WHERE deleted_at IS NULL
    ) d GROUP BY 1, 2, 3, 4, 5, 6 HAVING SUM(leads) <> 0 OR SUM(value) <> 0`)
    return [...campaigns as unknown[], ...forecast as unknown[]]
  }
  finally {
    await conn.end()
  }
}

const setup = () => execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'server/db/cli/setup.ts', '--demo-leads', '300'], {
  env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'development' },
  encoding: 'utf8',
})

describe('npm run db:setup', () => {
  afterAll(async () => {
    const conn = await mysql.createConnection({ uri: server.toString() })
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``)
    await conn.end()
  })

  it('creates the database, migrates, loads base and demo data; a second run changes nothing', async () => {
    const conn = await mysql.createConnection({ uri: server.toString() })
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``)
    await conn.end()

    const first = setup()
    expect(first).toMatch(/migrated/)
    const a = await snapshot()
    expect(a.counts.users).toBeGreaterThanOrEqual(4)
    expect(a.counts.leads).toBe(300)
    expect(a.counts.lead_stage_history).toBeGreaterThanOrEqual(300)
    // The generator loads with the facts' triggers aside and counts the facts once at the end: the same as the
    // triggers would have kept, stages reached included.
    expect(await factsDiffering()).toEqual([])
    expect(a.counts.lead_month_facts).toBeGreaterThan(0)
    expect(await reportFactsDiffering()).toEqual([])
    expect(a.counts.campaign_month_facts).toBeGreaterThan(0)
    expect(a.counts.lead_forecast_facts).toBeGreaterThan(0)
    expect(a.counts.activity_month_facts).toBeGreaterThan(0)
    expect(a.counts.lead_response_facts).toBeGreaterThan(0)
    expect(a.stages).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'won', kind: 'won', probability: 100 })]))
    expect((a.channels as { name: string }[]).map(c => c.name)).toEqual(expect.arrayContaining(['TikTok Ads', 'Instagram Ads', 'Meta Ads', 'Referral', 'WhatsApp', 'Walk-in']))

    setup()
    expect(await snapshot()).toEqual(a)
  }, 120_000)
})

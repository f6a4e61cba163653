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
    expect(a.stages).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'won', kind: 'won', probability: 100 })]))
    expect((a.channels as { name: string }[]).map(c => c.name)).toEqual(expect.arrayContaining(['TikTok Ads', 'Instagram Ads', 'Meta Ads', 'Referral', 'WhatsApp', 'Walk-in']))

    setup()
    expect(await snapshot()).toEqual(a)
  }, 120_000)
})

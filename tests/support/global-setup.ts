import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import type { TestProject } from 'vitest/node'
import mysql from 'mysql2/promise'
import { prepareDatabase } from '../../server/db/migrate'
import { seedDemoUsers } from '../../server/db/seed/users'
import { TEST_DATABASE_URL, TEST_ENV } from './env'
import { startMailSink } from './mail-sink'

declare module 'vitest' {
  export interface ProvidedContext { baseURL: string, databaseURL: string, mailSinkURL: string }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    }).on('error', reject)
  })
}

/** A fresh test database: dropped, created, migrated, base data and the demo accounts. */
export async function resetTestDatabase(url = TEST_DATABASE_URL) {
  const parsed = new URL(url)
  const name = parsed.pathname.slice(1)
  parsed.pathname = '/'
  const conn = await mysql.createConnection({ uri: parsed.toString() })
  await conn.query(`DROP DATABASE IF EXISTS \`${name}\``)
  await conn.end()
  const { db, pool } = await prepareDatabase(url, 2)
  await seedDemoUsers(db)
  await pool.end()
}

/** The built server on a free port; `entry` may be another launcher of it (scripts/cluster.mjs). */
export async function startServer(env: Record<string, string>, entry = '.output/server/index.mjs'): Promise<{ url: string, child: ChildProcess }> {
  if (!existsSync('.output/server/index.mjs')) throw new Error('No build found: run `npm run build` first (npm test does).')
  const port = await freePort()
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', NITRO_HOST: '127.0.0.1', NITRO_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const collect = (d: Buffer) => {
    output += d
  }
  child.stdout!.on('data', collect)
  child.stderr!.on('data', collect)
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`test server exited (${child.exitCode}):\n${output}`)
    try {
      const res = await fetch(`${url}/api/health`)
      if (res.status === 200 || res.status === 503) return { url, child }
    }
    catch { /* not up yet */ }
    await new Promise(r => setTimeout(r, 100))
  }
  child.kill()
  throw new Error(`test server did not start:\n${output}`)
}

export default async function setup(project: TestProject) {
  // Each project gets its own database and server, so integration and browser tests can run together.
  const databaseURL = TEST_DATABASE_URL.replace(/\/([^/?]+)(\?|$)/, `/$1_${project.name}$2`)
  await resetTestDatabase(databaseURL)
  const sink = await startMailSink()
  // The browser tests watch reminders arrive, so their server runs the scheduler every second;
  // the integration server leaves it off and the scheduler tests start their own processes.
  const scheduler: Record<string, string> = project.name === 'e2e' ? { SCHEDULER_ENABLED: 'true', SCHEDULER_TICK_SECONDS: '1' } : {}
  const { url, child } = await startServer({ ...TEST_ENV, ...scheduler, DATABASE_URL: databaseURL, SMTP_URL: sink.smtpURL })
  project.provide('baseURL', url)
  project.provide('databaseURL', databaseURL)
  project.provide('mailSinkURL', sink.httpURL)
  return async () => {
    child.kill('SIGTERM')
    await sink.close()
  }
}

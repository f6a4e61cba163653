import { fileURLToPath } from 'node:url'
import mysql from 'mysql2/promise'
import { migrate } from 'drizzle-orm/mysql2/migrator'
import { createDb, type Database } from './client'
import { seedBase } from './seed/base'

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url))

/** Create the database named in the URL if it is missing (utf8mb4, so Indonesian names and emoji fit). */
export async function ensureDatabase(url: string): Promise<string> {
  const parsed = new URL(url)
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''))
  if (!/^[\w$]{1,64}$/.test(name)) throw new Error(`DATABASE_URL: invalid database name "${name}"`)
  parsed.pathname = '/'
  const conn = await mysql.createConnection({ uri: parsed.toString() })
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`)
  }
  finally {
    await conn.end()
  }
  return name
}

export async function runMigrations(db: Database, folder = MIGRATIONS_FOLDER): Promise<void> {
  await migrate(db, { migrationsFolder: folder })
}

/** Create (if missing) and migrate the database, then load the base data: every entry point starts here. */
export async function prepareDatabase(url: string, poolSize = 4) {
  const name = await ensureDatabase(url)
  const { db, pool } = createDb(url, poolSize)
  try {
    await runMigrations(db)
    await seedBase(db)
  }
  catch (error) {
    await pool.end()
    throw error
  }
  return { name, db, pool }
}

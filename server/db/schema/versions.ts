import { bigint, mysqlTable, varchar } from 'drizzle-orm/mysql-core'

/**
 * One change counter per cached read model ('dashboard'), bumped in the same transaction as every write to the
 * tables the model reads (server/db/versions.ts). Only ever read by primary key.
 */
export const dataVersions = mysqlTable('data_versions', {
  name: varchar('name', { length: 40 }).primaryKey(),
  version: bigint('version', { mode: 'number', unsigned: true }).notNull(),
})

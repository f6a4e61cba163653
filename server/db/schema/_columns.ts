import { sql } from 'drizzle-orm'
import { bigint, customType, datetime } from 'drizzle-orm/mysql-core'

/** Primary key shared by every table: unsigned BIGINT, numbers in JS (ids stay far below 2^53). */
export const id = () => bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey()

/** A foreign key column matching `id()`. */
export const ref = (name: string) => bigint(name, { mode: 'number', unsigned: true })

/** UTC instant with millisecond precision; the connection runs with time_zone = '+00:00'. */
export const instant = (name: string) => datetime(name, { mode: 'date', fsp: 3 })

export const createdAt = () => instant('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`)

export const timestamps = {
  createdAt: createdAt(),
  updatedAt: instant('updated_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`).$onUpdate(() => new Date()),
}

/** Soft delete: a row with `deleted_at` set is hidden everywhere but can be restored. */
export const softDelete = {
  deletedAt: instant('deleted_at'),
  deletedBy: ref('deleted_by'),
}

/** Fixed-length raw bytes (e.g. an HMAC), read and written as a Buffer. */
export const bytes = (name: string, length: number) => customType<{ data: Buffer, driverData: Buffer }>({
  dataType: () => `binary(${length})`,
  fromDriver: value => Buffer.from(value),
})(name)

import { eq, sql, type AnyColumn } from 'drizzle-orm'
import { MySqlDialect } from 'drizzle-orm/mysql-core'
import { formatPhoneId } from '../../../shared/utils/phone'
import type { SourceType, StageKind } from '../../../shared/enums/catalog'
import type { FollowUpStatus } from '../../../shared/enums/leads'
import type { LeadListItem } from '../../../shared/types/leads'
import { channels, leads, pipelineStages, programs, users } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import { leadPhone } from './serialize'
import { inIdOrder } from '../../utils/id-order'

/**
 * The rows of one page of the leads table, read straight into the list's shape. This is the statement every page
 * of the table runs, so it is kept lean: only the columns the table shows and the four joins it names (no notes,
 * UTM, creator or deleter, which the detail page reads through selectLeads), and the column list is rendered to
 * SQL once per process rather than rebuilt from the query builder on every request. The rows come back as plain
 * objects keyed by alias, with DATETIME(3) values as the driver's UTC text; drizzle's per-cell mapping of a
 * joined select cost more than the query itself at 25 rows (see the README's benchmarks). It is the one statement
 * of the API that skips drizzle's execution path, because it is the one with hundreds of cells per request.
 */

interface ListRow {
  id: number
  studentName: string
  parentName: string | null
  school: string | null
  grade: string | null
  city: string | null
  phoneEnc: string | null
  email: string | null
  followUpStatus: FollowUpStatus
  expectedValue: number | string
  nextFollowUpAt: string | null
  lastActivityAt: string | null
  createdAt: string
  updatedAt: string
  channelId: number | null
  channelName: string | null
  channelSourceType: SourceType | null
  programId: number | null
  programName: string | null
  stageId: number
  stageCode: string
  stageName: string
  stageKind: StageKind
  stageProbability: number
  assigneeId: number | null
  assigneeName: string | null
}

const columns: Record<keyof ListRow, AnyColumn> = {
  id: leads.id,
  studentName: leads.studentName,
  parentName: leads.parentName,
  school: leads.school,
  grade: leads.grade,
  city: leads.city,
  phoneEnc: leads.phoneEnc,
  email: leads.email,
  followUpStatus: leads.followUpStatus,
  expectedValue: leads.expectedValue,
  nextFollowUpAt: leads.nextFollowUpAt,
  lastActivityAt: leads.lastActivityAt,
  createdAt: leads.createdAt,
  updatedAt: leads.updatedAt,
  channelId: channels.id,
  channelName: channels.name,
  channelSourceType: channels.sourceType,
  programId: programs.id,
  programName: programs.name,
  stageId: pipelineStages.id,
  stageCode: pipelineStages.code,
  stageName: pipelineStages.name,
  stageKind: pipelineStages.kind,
  stageProbability: pipelineStages.probability,
  assigneeId: users.id,
  assigneeName: users.name,
}

const head = new MySqlDialect().sqlToQuery(sql`SELECT ${sql.join(Object.entries(columns).map(([alias, column]) => sql`${column} AS ${sql.identifier(alias)}`), sql`, `)}
  FROM ${leads}
  JOIN ${pipelineStages} ON ${eq(pipelineStages.id, leads.stageId)}
  LEFT JOIN ${channels} ON ${eq(channels.id, leads.channelId)}
  LEFT JOIN ${programs} ON ${eq(programs.id, leads.programId)}
  LEFT JOIN ${users} ON ${eq(users.id, leads.assignedTo)}
  WHERE ${leads.id} IN `).sql

/** `2026-11-25 08:30:00.123` (a DATETIME(3) in UTC, as the connection reads it) as an ISO instant. */
export function isoFromDb(value: string): string {
  return /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/.test(value) ? `${value.slice(0, 10)}T${value.slice(11)}Z` : new Date(`${value}Z`).toISOString()
}

const isoOrNull = (value: string | null) => (value === null ? null : isoFromDb(value))

function toItem(r: ListRow): LeadListItem {
  const phone = leadPhone({ id: r.id, phoneEnc: r.phoneEnc })
  return {
    id: r.id,
    studentName: r.studentName,
    parentName: r.parentName,
    school: r.school,
    grade: r.grade,
    city: r.city,
    whatsapp: phone ? formatPhoneId(phone) : null,
    email: r.email,
    channel: r.channelId === null ? null : { id: r.channelId, name: r.channelName!, sourceType: r.channelSourceType! },
    program: r.programId === null ? null : { id: r.programId, name: r.programName! },
    stage: { id: r.stageId, code: r.stageCode, name: r.stageName, kind: r.stageKind, probability: r.stageProbability },
    followUpStatus: r.followUpStatus,
    assignedTo: r.assigneeId === null ? null : { id: r.assigneeId, name: r.assigneeName! },
    expectedValue: Number(r.expectedValue),
    nextFollowUpAt: isoOrNull(r.nextFollowUpAt),
    lastActivityAt: isoOrNull(r.lastActivityAt),
    createdAt: isoFromDb(r.createdAt),
    updatedAt: isoFromDb(r.updatedAt),
  }
}

/** The table's items for a page of ids, in the order of the ids (the same items toListItem makes of selectLeads). */
export async function loadListItems(db: DbOrTx, ids: number[]): Promise<LeadListItem[]> {
  if (!ids.length) return []
  // The ids as one parameter, which mysql2 expands to `1, 2, 3`: no per-id rendering. Given the pool, the statement
  // goes to mysql2 directly with dateStrings, which reads each cell in mysql2's generated parser; db.execute
  // (inside a transaction) decodes through drizzle's JS typeCast callback, once per cell, for the same strings.
  const [rows] = ('$client' in db
    ? await db.$client.query({ sql: `${head}(?)`, dateStrings: true }, [ids])
    : await db.execute(sql`${sql.raw(head)}(${sql.param(ids)})`)) as unknown as [ListRow[]]
  return inIdOrder(ids, rows, r => Number(r.id)).map(toItem)
}

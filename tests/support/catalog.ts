import { and, desc, eq, inArray } from 'drizzle-orm'
import { auditLogs, channels, leads, pipelineStages, programs, users, type NewLead } from '../../server/db/schema'
import type { createDb } from '../../server/db/client'

type Db = ReturnType<typeof createDb>['db']

/** Look-ups and direct inserts for tests of stages, channels and UTM mapping. */
export function catalogHelpers(db: Db) {
  async function stageId(code: string): Promise<number> {
    const [row] = await db.select({ id: pipelineStages.id }).from(pipelineStages).where(eq(pipelineStages.code, code))
    if (!row) throw new Error(`no stage ${code}`)
    return row.id
  }
  async function channelId(code: string): Promise<number> {
    const [row] = await db.select({ id: channels.id }).from(channels).where(eq(channels.code, code))
    if (!row) throw new Error(`no channel ${code}`)
    return row.id
  }
  /** A lead written straight to the database, as the leads API or intake would leave it. */
  async function insertLead(fields: Partial<NewLead> & { channelId?: number | null }): Promise<number> {
    const [{ id }] = await db.insert(leads).values({ studentName: 'Siswa Uji', stageId: await stageId('prospect'), ...fields }).$returningId() as [{ id: number }]
    return id
  }
  async function lastAudit(entity: string, entityId: number | string) {
    const [row] = await db.select().from(auditLogs).where(and(eq(auditLogs.entity, entity), eq(auditLogs.entityId, String(entityId)))).orderBy(desc(auditLogs.id)).limit(1)
    return row
  }
  /**
   * What a lead can be given whatever other files left active: the stages by code, and the active programs, channels
   * and assignable people (Admin and Sales/CS, active, not on leave), in id order.
   */
  async function writableKeys() {
    const [stageRows, programRows, channelRows, peopleRows] = await Promise.all([
      db.select({ id: pipelineStages.id, code: pipelineStages.code }).from(pipelineStages),
      db.select({ id: programs.id }).from(programs).where(eq(programs.active, true)).orderBy(programs.id),
      db.select({ id: channels.id }).from(channels).where(eq(channels.active, true)).orderBy(channels.id),
      db.select({ id: users.id }).from(users)
        .where(and(eq(users.active, true), eq(users.onLeave, false), inArray(users.role, ['admin', 'sales']))).orderBy(users.id),
    ])
    return {
      stage: Object.fromEntries(stageRows.map(r => [r.code, r.id])) as Record<string, number>,
      programs: programRows.map(r => r.id), channels: channelRows.map(r => r.id), people: peopleRows.map(r => r.id),
    }
  }
  return { stageId, channelId, insertLead, lastAudit, writableKeys }
}

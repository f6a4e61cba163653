import { and, desc, eq } from 'drizzle-orm'
import { auditLogs, channels, leads, pipelineStages, type NewLead } from '../../server/db/schema'
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
  return { stageId, channelId, insertLead, lastAudit }
}

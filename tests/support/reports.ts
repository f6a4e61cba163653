import { eq } from 'drizzle-orm'
import { channels, leads, pipelineStages, programs, users } from '../../server/db/schema'
import type { createDb } from '../../server/db/client'

type Db = ReturnType<typeof createDb>['db']

/**
 * A small known dataset for the report tests: a program and a channel of their own (inactive, so no other screen
 * lists them), so every figure scoped to them is exact whatever else the shared test database holds, in whatever
 * order the files run.
 */
export async function reportFixtures(db: Db, tag: string) {
  const [{ id: programId }] = await db.insert(programs)
    .values({ code: `RPT-${tag}`, name: `Program Laporan ${tag}`, level: 'SMA', price: 1_000_000, active: false })
    .$returningId() as [{ id: number }]
  const channelName = `Kanal Laporan ${tag}`
  const [{ id: channelId }] = await db.insert(channels)
    .values({ code: `rpt_${tag.toLowerCase()}`, name: channelName, sourceType: 'event', active: false })
    .$returningId() as [{ id: number }]
  const [prospect] = await db.select().from(pipelineStages).where(eq(pipelineStages.code, 'prospect'))
  const userIds: Record<string, number> = {}
  for (const u of await db.select().from(users)) userIds[u.email.split('@')[0]!] = u.id

  /** A lead created at a given instant, straight into the table, as intake would leave it. */
  async function lead(studentName: string, createdAt: string, assignedTo: string, extra: Partial<typeof leads.$inferInsert> = {}): Promise<number> {
    const [{ id }] = await db.insert(leads).values({
      studentName, stageId: prospect!.id, programId, channelId,
      assignedTo: userIds[assignedTo]!, createdAt: new Date(createdAt), ...extra,
    }).$returningId() as [{ id: number }]
    return id
  }
  return { programId, channelId, channelName, userIds, lead }
}

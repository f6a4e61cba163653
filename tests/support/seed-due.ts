import { inArray } from 'drizzle-orm'
import type { Database } from '../../server/db/client'
import { leads, pipelineStages, reminders, users } from '../../server/db/schema'

/** `count` leads spread over the given users, each with a follow-up reminder at `remindAt`. */
export async function seedDueFollowUpsWith(db: Database, count: number, userEmails: string[], remindAt: Date, tag = 'Reliable'): Promise<number[]> {
  const staff = await db.select({ id: users.id }).from(users).where(inArray(users.email, userEmails))
  const [stage] = await db.select({ id: pipelineStages.id }).from(pipelineStages).limit(1)
  const ids: number[] = []
  for (let start = 0; start < count; start += 500) {
    const rows = Array.from({ length: Math.min(500, count - start) }, (_, i) => ({
      studentName: `${tag} ${start + i + 1}`,
      stageId: stage!.id,
      assignedTo: staff[(start + i) % staff.length]!.id,
      nextFollowUpAt: remindAt,
    }))
    const [result] = await db.insert(leads).values(rows)
    const first = result.insertId
    const batch = rows.map((row, i) => ({ id: first + i, userId: row.assignedTo }))
    ids.push(...batch.map(b => b.id))
    await db.insert(reminders).values(batch.map(b => ({ kind: 'follow_up' as const, subjectId: b.id, userId: b.userId, remindAt })))
  }
  return ids
}

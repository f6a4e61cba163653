import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Lookups } from '../../shared/types/lookups'
import { channels, pipelineStages, programs, users } from '../db/schema'
import type { DbOrTx } from '../utils/db'

/** Roles that carry leads: the people the table, the form and bulk assign offer. */
const ASSIGNABLE_ROLES = ['admin', 'sales'] as const

/**
 * Active stages, channels, programs and assignees in the order the screens show them. Small tables, read whole:
 * the same answer for every signed-in user (no personal data beyond a colleague's name and role).
 */
export async function getLookups(db: DbOrTx): Promise<Lookups> {
  const [stages, channelRows, programRows, assignees] = await Promise.all([
    db.select({ id: pipelineStages.id, code: pipelineStages.code, name: pipelineStages.name, kind: pipelineStages.kind, probability: pipelineStages.probability, color: pipelineStages.color })
      .from(pipelineStages).where(eq(pipelineStages.active, true)).orderBy(asc(pipelineStages.position), asc(pipelineStages.id)),
    db.select({ id: channels.id, code: channels.code, name: channels.name, sourceType: channels.sourceType })
      .from(channels).where(eq(channels.active, true)).orderBy(asc(channels.sortOrder), asc(channels.name)),
    db.select({ id: programs.id, code: programs.code, name: programs.name, level: programs.level, price: programs.price })
      .from(programs).where(eq(programs.active, true)).orderBy(asc(programs.name)),
    db.select({ id: users.id, name: users.name, role: users.role, onLeave: users.onLeave, capacity: users.capacity })
      .from(users).where(and(eq(users.active, true), inArray(users.role, [...ASSIGNABLE_ROLES]))).orderBy(asc(users.name)),
  ])
  return { stages, channels: channelRows, programs: programRows, assignees }
}

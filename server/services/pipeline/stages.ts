import { asc, eq, gte, sql } from 'drizzle-orm'
import type { StageKind } from '../../../shared/enums/catalog'
import type { StageCreateInput, StageUpdateInput } from '../../../shared/schemas/pipeline'
import type { StageDto } from '../../../shared/types/pipeline'
import { pipelineStages } from '../../db/schema'
import { codeFromName } from '../../utils/code'
import type { Database, DbOrTx, Tx } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { audit } from '../audit'
import type { SessionUser } from '../auth/sessions'
import { assertKindsRemain, assertNameFree, assertStageEmpty } from './rules'

export const stageColumns = {
  id: pipelineStages.id,
  code: pipelineStages.code,
  name: pipelineStages.name,
  kind: pipelineStages.kind,
  probability: pipelineStages.probability,
  position: pipelineStages.position,
  color: pipelineStages.color,
  active: pipelineStages.active,
}

const byPosition = [asc(pipelineStages.position), asc(pipelineStages.id)] as const

/** Stages in board order. The colour column is free text in the database; the schema keeps it to known names. */
export async function listStages(db: DbOrTx, filter: { active?: boolean } = {}): Promise<StageDto[]> {
  const rows = await db.select(stageColumns).from(pipelineStages)
    .where(filter.active === undefined ? undefined : eq(pipelineStages.active, filter.active))
    .orderBy(...byPosition)
  return rows as StageDto[]
}

/** Every stage, locked for this transaction: rules about the whole set see one consistent picture. */
export async function lockStages(tx: Tx): Promise<StageDto[]> {
  return await tx.select(stageColumns).from(pipelineStages).orderBy(...byPosition).for('update') as StageDto[]
}

async function readStage(tx: Tx, id: number): Promise<StageDto> {
  const [row] = await tx.select(stageColumns).from(pipelineStages).where(eq(pipelineStages.id, id))
  return row as StageDto
}

/** A new open stage goes after the last active open one (before won and lost); won and lost go after every active stage. */
function insertPosition(stages: StageDto[], kind: StageKind): number {
  const active = stages.filter(s => s.active)
  const anchor = kind === 'open' ? active.filter(s => s.kind === 'open') : active
  const last = anchor.at(-1) ?? active.at(-1)
  return (last?.position ?? 0) + 1
}

export async function createStage(db: Database, actor: SessionUser, input: StageCreateInput, meta: RequestMeta): Promise<StageDto> {
  return db.transaction(async (tx) => {
    const all = await lockStages(tx)
    assertNameFree(all, input.name)
    const position = insertPosition(all, input.kind)
    await tx.update(pipelineStages).set({ position: sql`${pipelineStages.position} + 1` }).where(gte(pipelineStages.position, position))
    const code = codeFromName(input.name, all.map(s => s.code))
    const [{ id }] = await tx.insert(pipelineStages).values({ ...input, code, position }).$returningId() as [{ id: number }]
    const created = await readStage(tx, id)
    await audit(tx, actor, meta, { action: 'create', entity: 'pipeline_stage', entityId: id, after: { ...created } })
    return created
  })
}

export async function updateStage(db: Database, actor: SessionUser, id: number, input: StageUpdateInput, meta: RequestMeta): Promise<StageDto | null> {
  return db.transaction(async (tx) => {
    const all = await lockStages(tx)
    const before = all.find(s => s.id === id)
    if (!before) return null
    if (input.name !== undefined) assertNameFree(all, input.name, id)
    const changed = { ...before, ...input }
    assertKindsRemain(all, all.map(s => (s.id === id ? changed : s)), input.active === false && before.active ? 'active' : 'kind')
    if (before.active && input.active === false) await assertStageEmpty(tx, id)
    await tx.update(pipelineStages).set(input).where(eq(pipelineStages.id, id))
    const after = await readStage(tx, id)
    const action = before.active && !after.active ? 'deactivate' : !before.active && after.active ? 'reactivate' : 'update'
    await audit(tx, actor, meta, { action, entity: 'pipeline_stage', entityId: id, before: { ...before }, after: { ...after } })
    return after
  })
}

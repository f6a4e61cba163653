import { intakeSiteCreateSchema, type IntakeSiteCreated } from '#shared/schemas/intake'
import { createIntakeSite } from '../../../services/intake'

/** A new landing-page site; its key is in this answer and nowhere else. */
export default defineEventHandler(async (event): Promise<IntakeSiteCreated> => {
  const user = await requireUser(event, 'pipeline:configure')
  const { name } = await readInput(event, intakeSiteCreateSchema)
  const site = await createIntakeSite(useDb(), user, name, requestMeta(event))
  setResponseStatus(event, 201)
  return site
})

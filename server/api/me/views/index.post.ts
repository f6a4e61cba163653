import { viewCreateSchema } from '#shared/schemas/preferences'
import { createView, type SavedView } from '../../../services/preferences'

export default defineEventHandler(async (event): Promise<SavedView> => {
  const user = await requireUser(event)
  const input = await readInput(event, viewCreateSchema)
  const view = await createView(useDb(), user.id, input)
  setResponseStatus(event, 201)
  return view
})

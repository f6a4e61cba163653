import { viewListQuerySchema } from '#shared/schemas/preferences'
import { listViews, type SavedView } from '../../../services/preferences'

export default defineEventHandler(async (event): Promise<SavedView[]> => {
  const user = await requireUser(event)
  const { page } = queryInput(event, viewListQuerySchema)
  return listViews(useDb(), user.id, page)
})

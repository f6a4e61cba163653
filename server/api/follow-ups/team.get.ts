import type { FollowUpTeam } from '#shared/types/activities'
import { followUpTeam } from '../../services/followups/team'

export default defineEventHandler(async (event): Promise<FollowUpTeam> => {
  await requireUser(event, 'followups:team')
  return followUpTeam(useDb())
})

export const FOLLOW_UP_STATUSES = ['new', 'contacted', 'no_response', 'scheduled', 'done'] as const
export type FollowUpStatus = typeof FOLLOW_UP_STATUSES[number]

export const ACTIVITY_TYPES = ['call', 'chat', 'meeting', 'note'] as const
export type ActivityType = typeof ACTIVITY_TYPES[number]

export const FOLLOW_UP_STATUSES = ['new', 'contacted', 'no_response', 'scheduled', 'done'] as const
export type FollowUpStatus = typeof FOLLOW_UP_STATUSES[number]

export const ACTIVITY_TYPES = ['call', 'chat', 'meeting', 'note'] as const
export type ActivityType = typeof ACTIVITY_TYPES[number]

/** How a contact went: a fixed list, stored as the code and shown translated (followups.outcomes.*). */
export const ACTIVITY_OUTCOMES = [
  'connected', 'no_answer', 'busy', 'wrong_number', 'interested', 'not_interested', 'callback', 'other',
] as const
export type ActivityOutcome = typeof ACTIVITY_OUTCOMES[number]

/** Outcomes where nobody was really reached: the lead's follow-up status becomes 'no_response'. */
export const NO_RESPONSE_OUTCOMES: readonly ActivityOutcome[] = ['no_answer', 'busy', 'wrong_number']

/** The follow-up buckets of the Follow-ups page, by the Jakarta calendar. */
export const FOLLOW_UP_BUCKETS = ['overdue', 'today', 'upcoming'] as const
export type FollowUpBucket = typeof FOLLOW_UP_BUCKETS[number]

/** Why a lead was lost (the pipeline's lost dialog, the stage dialog, reports): stored as the code, shown translated. */
export const LOST_REASONS = ['price', 'schedule', 'competitor', 'not_yet', 'no_response', 'other'] as const
export type LostReasonCode = typeof LOST_REASONS[number]

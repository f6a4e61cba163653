import type { ActivityType, FollowUpBucket, FollowUpStatus } from '../enums/leads'

/** One activity as the API answers it: GET /api/leads/:id/activities. */
export interface ActivityItem {
  id: number
  leadId: number
  type: ActivityType
  /** A code of ACTIVITY_OUTCOMES; older rows may hold other words (e.g. 'lost' from the board). */
  outcome: string | null
  notes: string | null
  happenedAt: string
  nextAction: string | null
  nextDueAt: string | null
  by: { id: number, name: string } | null
  /** Whether the asking user may edit or delete it: their own, or anyone's with 'activities:manage'. */
  canEdit: boolean
  createdAt: string
  updatedAt: string
}

export interface ActivityList { items: ActivityItem[] }

/** What a logged or edited activity did to its lead, so the page can update without asking again. */
export interface ActivityResult {
  activity: ActivityItem
  lead: { id: number, nextFollowUpAt: string | null, lastActivityAt: string | null, followUpStatus: FollowUpStatus, updatedAt: string }
}

export interface FollowUpItem {
  id: number
  studentName: string
  parentName: string | null
  school: string | null
  grade: string | null
  stage: { id: number, name: string, color: string }
  followUpStatus: FollowUpStatus
  nextFollowUpAt: string
  lastActivityAt: string | null
  assignee: { id: number, name: string } | null
  /** The next action written with the activity that set this follow-up, when there is one. */
  nextAction: string | null
}

export type FollowUpCounts = Record<FollowUpBucket, number>

export interface FollowUpList {
  bucket: FollowUpBucket
  items: FollowUpItem[]
  total: number
  page: number
  pageSize: number
  counts: FollowUpCounts
}

export interface FollowUpTeamRow {
  user: { id: number, name: string, role: string }
  overdue: number
  today: number
  /** Activities logged this Jakarta week (Monday to Sunday). */
  doneThisWeek: number
}

export interface FollowUpTeam { rows: FollowUpTeamRow[], weekStart: string, weekEnd: string }

/** One lead's history, newest first: GET /api/leads/:id/timeline. */
export type TimelineKind = 'stage' | 'activity' | 'whatsapp' | 'edit'

export interface TimelineActor { id: number, name: string }

interface TimelineBase {
  /** Unique across kinds, e.g. `stage-12`. */
  key: string
  kind: TimelineKind
  /** ISO instant. */
  at: string
  by: TimelineActor | null
}

export interface TimelineStageItem extends TimelineBase {
  kind: 'stage'
  /** Null for the lead's first stage. */
  from: { id: number, name: string } | null
  to: { id: number, name: string }
}

export type ActivityType = 'call' | 'chat' | 'meeting' | 'note'

export interface TimelineActivityItem extends TimelineBase {
  kind: 'activity'
  /** For editing or deleting it: PATCH|DELETE /api/leads/:id/activities/:activityId. */
  activityId: number
  type: ActivityType
  outcome: string | null
  notes: string | null
  nextAction: string | null
  nextActionAt: string | null
}

export interface TimelineWhatsappItem extends TimelineBase {
  kind: 'whatsapp'
  direction: 'in' | 'out'
  body: string | null
  messageType: string
  status: string
}

/** One changed field of an audited edit, its values as the audit log stores them (already masked). */
export interface TimelineChange { field: string, before: unknown, after: unknown }

export interface TimelineEditItem extends TimelineBase {
  kind: 'edit'
  action: string
  changes: TimelineChange[]
}

export type TimelineItem = TimelineStageItem | TimelineActivityItem | TimelineWhatsappItem | TimelineEditItem

export interface LeadTimeline { items: TimelineItem[] }

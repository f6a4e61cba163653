export type CalendarItemKind = 'follow_up' | 'todo'

/** One thing on the calendar: a lead's next follow-up, or a to-do with a due time. */
export interface CalendarItem {
  /** Unique across kinds: `follow_up-12`, `todo-7`. */
  key: string
  kind: CalendarItemKind
  /** The lead's id for a follow-up, the to-do's id for a to-do. */
  id: number
  title: string
  /** ISO instant (UTC). */
  at: string
  user: { id: number, name: string } | null
  lead: { id: number, studentName: string } | null
  /** To-dos only. */
  priority: number | null
  /** To-dos only. */
  remindAt: string | null
  done: boolean
  overdue: boolean
  /** Whether the viewer may move it: their own to-do, or a lead they may update. */
  editable: boolean
}

export interface CalendarResponse {
  from: string
  to: string
  /** `null` when everyone's follow-ups are shown. */
  user: { id: number, name: string } | null
  items: CalendarItem[]
}

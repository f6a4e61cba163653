/** A to-do as the API answers it; times are ISO strings (UTC). */
export interface TodoDto {
  id: number
  title: string
  notes: string | null
  priority: number
  lead: { id: number, studentName: string } | null
  dueAt: string | null
  /** The stored remind time; null means "when due". */
  remindAt: string | null
  doneAt: string | null
  done: boolean
  overdue: boolean
  createdAt: string
  updatedAt: string
}

export interface TodoCounts { open: number, done: number, overdue: number, today: number }

export interface TodoListResponse { items: TodoDto[], counts: TodoCounts }

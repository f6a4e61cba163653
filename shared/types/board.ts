import type { StageDto } from './pipeline'

/** A card on the pipeline board: what the card shows, nothing more (thousands of them per column). */
export interface BoardCard {
  id: number
  studentName: string
  school: string | null
  grade: string | null
  /** Only the last four digits: the card does not need the whole number. */
  whatsappLast4: string | null
  program: { id: number, name: string } | null
  assignee: { id: number, name: string } | null
  channelId: number | null
  expectedValue: number
  nextFollowUpAt: string | null
  lastActivityAt: string | null
  updatedAt: string
  /** No activity (or, without any, since creation) for the configured number of days. */
  stale: boolean
}

export interface BoardColumn {
  stage: StageDto
  count: number
  /** Sum of expected values, Rupiah. */
  totalValue: number
  /** totalValue × probability / 100, rounded to whole Rupiah. */
  weightedValue: number
  items: BoardCard[]
  /** Pass back as `cursor` with this column's `stageId` for the next page; null when there is none. */
  nextCursor: string | null
}

export interface BoardResponse {
  columns: BoardColumn[]
  staleDays: number
}

export interface PipelineSettings { staleDays: number }

export interface PipelineMoveResult {
  leadId: number
  stageId: number
  /** The enrolment created by a move to a won stage. */
  enrollmentId: number | null
}

import type { SourceType, StageKind } from '../enums/catalog'
import type { FollowUpStatus } from '../enums/leads'

/** Leads as the API sends them: dates are ISO strings once serialised. */

export interface LeadChannelRef { id: number, name: string, sourceType: SourceType }
export interface LeadProgramRef { id: number, name: string }
export interface LeadStageRef { id: number, code: string, name: string, kind: StageKind, probability: number }
export interface LeadUserRef { id: number, name: string }

/** A row of the leads table. */
export interface LeadListItem {
  id: number
  studentName: string
  parentName: string | null
  school: string | null
  grade: string | null
  city: string | null
  /** Formatted the Indonesian way: 0812-3456-7890. */
  whatsapp: string | null
  email: string | null
  channel: LeadChannelRef | null
  program: LeadProgramRef | null
  stage: LeadStageRef
  followUpStatus: FollowUpStatus
  assignedTo: LeadUserRef | null
  expectedValue: number
  nextFollowUpAt: string | null
  lastActivityAt: string | null
  createdAt: string
  updatedAt: string
}

/** One lead with everything the detail page and the edit form need. */
export interface LeadDetail extends LeadListItem {
  /** The same number in E.164 (+62812...), for click-to-chat links. */
  phone: string | null
  utmSource: string | null
  utmMedium: string | null
  utmCampaign: string | null
  utmContent: string | null
  utmTerm: string | null
  lostReason: string | null
  closedAt: string | null
  /** The Jakarta day the lead is expected to close, 'YYYY-MM-DD'. */
  expectedCloseOn: string | null
  notes: string | null
  createdBy: LeadUserRef | null
}

export interface LeadListResponse<T = LeadListItem> { items: T[], total: number }

export interface LeadTrashItem extends LeadListItem {
  deletedAt: string
  deletedBy: LeadUserRef | null
}

/** The lead a WhatsApp number already belongs to; null when it is out of the asker's scope. */
export interface LeadDuplicateRef { id: number, studentName: string }

export interface CheckPhoneResponse {
  /** The number in E.164. */
  normalized: string
  /** The lead that already has this number, when the asker may see it. */
  duplicate: LeadDuplicateRef | null
  /** True when the number is taken, even by a lead the asker may not see. */
  taken: boolean
}

export interface LeadBulkResult {
  /** Leads actually changed (a lead already in the target state is not counted). */
  updated: number
}

import type { ShareableReport } from '../enums/reports'
import type { ReportResponse } from './reports'

/** A shared link as its creator lists it (the token itself is shown only once, when it is made). */
export interface ShareLinkDto {
  id: number
  report: ShareableReport
  params: Record<string, string | number>
  createdAt: string
  expiresAt: string
  revokedAt: string | null
  views: number
  lastViewedAt: string | null
  /** 'active', or why it no longer opens. */
  state: 'active' | 'expired' | 'revoked'
}

export interface ShareLinkCreated { id: number, url: string, expiresAt: string }

/** GET /api/shared/:token: what a shared page renders, without a session. */
export interface SharedReport {
  report: ShareableReport
  response: ReportResponse<unknown>
  /** The creator's name, shown as "shared by". */
  sharedBy: string
  expiresAt: string
}

/** Why a shared link does not open (HTTP 410 `data.reason`). */
export type ShareLinkClosedReason = 'expired' | 'revoked'

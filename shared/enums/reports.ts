/**
 * The reports under /reports, each a page (`/reports/<name>`), an API route (`GET /api/reports/<name>`) and a
 * view a shared link can render. The dashboard is shareable too.
 */
export const REPORT_NAMES = ['target-vs-real', 'programs', 'leads', 'conversion', 'ads', 'funnel', 'forecast', 'team'] as const
export type ReportName = typeof REPORT_NAMES[number]

export const SHAREABLE_REPORTS = [...REPORT_NAMES, 'dashboard'] as const
export type ShareableReport = typeof SHAREABLE_REPORTS[number]

/** How long a shared link lives. */
export const SHARE_EXPIRY_DAYS = [1, 7, 30] as const
export type ShareExpiryDays = typeof SHARE_EXPIRY_DAYS[number]

/** The longest period one report covers, in months. */
export const REPORT_MAX_MONTHS = 24

/** How the leads report groups its rows. */
export const LEAD_REPORT_GROUPS = ['channel', 'sourceType', 'school', 'grade', 'admin'] as const
export type LeadReportGroup = typeof LEAD_REPORT_GROUPS[number]

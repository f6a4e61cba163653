import type { Component } from 'vue'
import type { ShareableReport } from '#shared/enums/reports'

/**
 * The view of each report, by name: what a shared link renders (the report pages use the same components).
 * A view takes `response` (the `GET /api/reports/<name>` envelope) and calls no API of its own.
 */
export const REPORT_VIEWS: Partial<Record<ShareableReport, Component>> = {
  'dashboard': defineAsyncComponent(() => import('~/components/reports/view/Dashboard.vue')),
  'target-vs-real': defineAsyncComponent(() => import('~/components/reports/view/TargetVsReal.vue')),
  'programs': defineAsyncComponent(() => import('~/components/reports/view/Programs.vue')),
  'leads': defineAsyncComponent(() => import('~/components/reports/view/Leads.vue')),
  'conversion': defineAsyncComponent(() => import('~/components/reports/view/Conversion.vue')),
  'ads': defineAsyncComponent(() => import('~/components/reports/view/Ads.vue')),
  'funnel': defineAsyncComponent(() => import('~/components/reports/view/Funnel.vue')),
  'forecast': defineAsyncComponent(() => import('~/components/reports/view/Forecast.vue')),
  'team': defineAsyncComponent(() => import('~/components/reports/view/Team.vue')),
}

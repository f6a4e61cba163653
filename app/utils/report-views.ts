import type { Component } from 'vue'
import type { ShareableReport } from '#shared/enums/reports'

/**
 * The view of each report, by name: what a shared link renders (the report pages use the same components).
 * A view takes `response` (the `GET /api/reports/<name>` envelope) and calls no API of its own.
 */
export const REPORT_VIEWS: Partial<Record<ShareableReport, Component>> = {
  'target-vs-real': defineAsyncComponent(() => import('~/components/reports/view/TargetVsReal.vue')),
  'forecast': defineAsyncComponent(() => import('~/components/reports/view/Forecast.vue')),
  'team': defineAsyncComponent(() => import('~/components/reports/view/Team.vue')),
}

import { z } from 'zod'

export const ASSIGNMENT_STRATEGIES = ['round_robin', 'least_open'] as const
export type AssignmentStrategy = typeof ASSIGNMENT_STRATEGIES[number]

export const assignmentSettingsSchema = z.object({
  strategy: z.enum(ASSIGNMENT_STRATEGIES, { error: 'Pilih round robin atau prospek terbuka paling sedikit' }),
  /** Off: new leads stay unassigned until someone assigns them. */
  enabled: z.boolean(),
  /**
   * Also assign leads created by hand without an assignee (by someone who may assign). Off by default: an empty
   * "assigned admin" in the form has always meant "unassigned", and intake leads are the ones that need a home.
   */
  onManualCreate: z.boolean(),
})
export type AssignmentSettings = z.output<typeof assignmentSettingsSchema>

export const ASSIGNMENT_DEFAULTS: AssignmentSettings = { strategy: 'least_open', enabled: true, onManualCreate: false }

export const assignmentSettingsUpdateSchema = assignmentSettingsSchema.partial()
  .refine(v => Object.keys(v).length > 0, 'Tidak ada perubahan')
export type AssignmentSettingsUpdate = z.output<typeof assignmentSettingsUpdateSchema>

export interface WorkloadItem {
  id: number
  name: string
  role: 'admin' | 'sales'
  openLeads: number
  capacity: number
  onLeave: boolean
  /** Open leads against capacity, rounded; 100 when the capacity is 0. */
  percent: number
}

import type { Role } from '../enums/roles'
import type { SourceType, StageKind } from '../enums/catalog'

/** The reference lists every lead screen needs (filters, forms, bulk actions), in display order. */
export interface LookupStage { id: number, code: string, name: string, kind: StageKind, probability: number, color: string }
export interface LookupChannel { id: number, code: string, name: string, sourceType: SourceType }
export interface LookupProgram { id: number, code: string, name: string, level: string, price: number }
/** Someone a lead can be assigned to: an active Admin or Sales/CS. */
export interface LookupAssignee { id: number, name: string, role: Role, onLeave: boolean, capacity: number }

export interface Lookups {
  stages: LookupStage[]
  channels: LookupChannel[]
  programs: LookupProgram[]
  assignees: LookupAssignee[]
}

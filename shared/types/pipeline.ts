import type { StageColor, StageKind } from '../enums/catalog'

/** A pipeline stage as the API sends it. */
export interface StageDto {
  id: number
  code: string
  name: string
  kind: StageKind
  /** Win probability in percent, 0..100. */
  probability: number
  position: number
  color: StageColor
  active: boolean
}

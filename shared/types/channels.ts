import type { SourceType, UtmField } from '../enums/catalog'

/** An acquisition channel as the API sends it. */
export interface ChannelDto {
  id: number
  code: string
  name: string
  sourceType: SourceType
  platform: string | null
  active: boolean
  sortOrder: number
}

export interface ChannelAliasDto {
  id: number
  channelId: number
  field: UtmField
  /** As stored: new aliases in their normalised spelling (shared/utils/utm.ts); they match by it either way. */
  value: string
}

/** A UTM value carried by live leads that sit on the 'other' channel. */
export interface UnmappedUtmValue {
  field: UtmField
  /** Normalised spelling: what an alias would store. */
  value: string
  /** How the leads actually spell it (a few). */
  spellings: string[]
  leads: number
  /** When an alias already exists (added without remapping, or its channel is inactive). */
  aliasChannelId: number | null
}

export interface UnmappedUtmList {
  items: UnmappedUtmValue[]
  otherChannelId: number
  /** Unmapped leads read for the list: the newest ones, up to a cap. */
  scanned: number
  /** More values or more unmapped leads exist than the list shows. */
  truncated: boolean
}

export interface UtmMapResult {
  alias: ChannelAliasDto
  /** False when the alias already existed on that channel and only past leads were remapped. */
  created: boolean
  remapped: number
}

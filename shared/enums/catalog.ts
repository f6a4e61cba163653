export const SOURCE_TYPES = ['organic', 'ads', 'referral', 'event', 'other'] as const
export type SourceType = typeof SOURCE_TYPES[number]

export const STAGE_KINDS = ['open', 'won', 'lost'] as const
export type StageKind = typeof STAGE_KINDS[number]

export const TARGET_SCOPES = ['overall', 'program', 'channel', 'user'] as const
export type TargetScope = typeof TARGET_SCOPES[number]

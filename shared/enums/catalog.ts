export const SOURCE_TYPES = ['organic', 'ads', 'referral', 'event', 'other'] as const
export type SourceType = typeof SOURCE_TYPES[number]

export const STAGE_KINDS = ['open', 'won', 'lost'] as const
export type StageKind = typeof STAGE_KINDS[number]

export const TARGET_SCOPES = ['overall', 'program', 'channel', 'user'] as const
export type TargetScope = typeof TARGET_SCOPES[number]

/** Nuxt UI colour names a stage may take on the board and in badges. */
export const STAGE_COLORS = ['neutral', 'primary', 'secondary', 'info', 'success', 'warning', 'error'] as const
export type StageColor = typeof STAGE_COLORS[number]

/** The UTM fields a channel alias can match. */
export const UTM_FIELDS = ['source', 'medium', 'campaign'] as const
export type UtmField = typeof UTM_FIELDS[number]

import { z } from 'zod'

/** What the deliveries page lists: given up, failing and being retried, waiting, or delivered. */
export const OUTBOX_VIEWS = ['failed', 'retrying', 'pending', 'sent'] as const
export type OutboxView = typeof OUTBOX_VIEWS[number]

export const outboxQuerySchema = z.object({
  view: z.enum(OUTBOX_VIEWS).default('failed'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().refine(n => [25, 50, 100].includes(n), 'Ukuran halaman 25, 50 atau 100').default(25),
})
export type OutboxQuery = z.output<typeof outboxQuerySchema>

export const outboxRetrySchema = z.union([
  z.object({ ids: z.array(z.coerce.number().int().positive()).min(1).max(1000) }),
  z.object({ all: z.literal(true) }),
], { error: 'Pilih kiriman yang akan dicoba lagi' })
export type OutboxRetryInput = z.output<typeof outboxRetrySchema>

export interface OutboxItem {
  id: number
  channel: 'email' | 'whatsapp'
  kind: string
  recipient: string
  subject: string | null
  status: 'pending' | 'sending' | 'sent' | 'failed'
  attempts: number
  lastError: string | null
  nextAttemptAt: string
  sentAt: string | null
  createdAt: string
}

export interface OutboxCounts {
  failed: number
  retrying: number
  pending: number
  sent: number
}

export interface OutboxList {
  items: OutboxItem[]
  total: number
  counts: OutboxCounts
}

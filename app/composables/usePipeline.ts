import type { BoardCard, BoardColumn, BoardResponse, PipelineMoveResult } from '#shared/types/board'
import type { StageDto } from '#shared/types/pipeline'

/** Rupiah in few characters for column headers: "Rp 4,5 jt" / "IDR 4.5M". */
export function formatRupiahCompact(value: number, locale = 'id'): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'id-ID', {
    style: 'currency', currency: 'IDR', notation: 'compact', maximumFractionDigits: 1,
  }).format(value)
}

/** What a drop or a "move to" choice asks for: won needs program and amount, lost a reason. */
export interface MoveExtra { programId?: number, amount?: number, lostReason?: string, lostNote?: string }
export interface PendingMove { card: BoardCard, from: StageDto, to: StageDto }
/** The words every card of a column shows, translated once per column. */
export interface CardLabels { moveTo: string, nextFollowUp: string, overdue: string, unassigned: string, stale: string, staleHint: string }

const EMPTY: BoardResponse = { columns: [], staleDays: 7 }

/**
 * The pipeline board: the columns under the leads table's filters (the same URL parameters), moves applied at
 * once on screen and rolled back when the server says no, and "load more" per column.
 */
export async function usePipelineBoard() {
  const { t } = useI18n()
  const toast = useToast()
  const { apiQuery } = useLeadsQuery()

  const { data, status, refresh } = await useFetch<BoardResponse>('/api/pipeline/board', {
    key: 'pipeline-board',
    query: apiQuery,
    default: () => structuredClone(EMPTY),
    // Moves and "load more" change the columns in place.
    deep: true,
  })
  const columns = computed(() => data.value?.columns ?? [])
  const loadingMore = ref<number | null>(null)

  const columnOf = (stageId: number) => columns.value.find(c => c.stage.id === stageId)

  function shift(column: BoardColumn, card: BoardCard, sign: 1 | -1) {
    column.count += sign
    column.totalValue += sign * card.expectedValue
    column.weightedValue = Math.round(column.totalValue * column.stage.probability / 100)
  }

  /** Take the card out of one column and put it on top of another; returns how to undo it. */
  function place(card: BoardCard, fromId: number, toId: number): () => void {
    const from = columnOf(fromId)
    const to = columnOf(toId)
    const index = from?.items.findIndex(c => c.id === card.id) ?? -1
    if (from && index >= 0) from.items.splice(index, 1)
    if (from) shift(from, card, -1)
    if (to) {
      to.items.unshift(card)
      shift(to, card, 1)
    }
    return () => {
      if (to) {
        const i = to.items.findIndex(c => c.id === card.id)
        if (i >= 0) to.items.splice(i, 1)
        shift(to, card, -1)
      }
      if (from) {
        from.items.splice(Math.max(index, 0), 0, card)
        shift(from, card, 1)
      }
    }
  }

  async function move(card: BoardCard, from: StageDto, to: StageDto, extra: MoveExtra = {}): Promise<boolean> {
    if (from.id === to.id) return true
    const undo = place(card, from.id, to.id)
    try {
      await $fetch<PipelineMoveResult>('/api/pipeline/move', { method: 'POST', body: { leadId: card.id, stageId: to.id, ...extra } })
      if (to.kind !== 'open') card.nextFollowUpAt = null
      toast.add({ title: t('pipeline.moved', { name: card.studentName, stage: to.name }), color: 'success', icon: 'i-lucide-check' })
      return true
    }
    catch (error) {
      undo()
      toast.add({ title: t('pipeline.moveFailed'), description: apiError(error).message, color: 'error', icon: 'i-lucide-circle-alert' })
      return false
    }
  }

  async function loadMore(stageId: number) {
    const column = columnOf(stageId)
    if (!column?.nextCursor) return
    loadingMore.value = stageId
    try {
      const res = await $fetch<BoardResponse>('/api/pipeline/board', { query: { ...apiQuery.value, stageId, cursor: column.nextCursor } })
      const page = res.columns[0]
      if (page) {
        const seen = new Set(column.items.map(c => c.id))
        column.items.push(...page.items.filter(c => !seen.has(c.id)))
        column.nextCursor = page.nextCursor
      }
    }
    catch (error) {
      toast.add({ title: apiError(error).message, color: 'error' })
    }
    finally {
      loadingMore.value = null
    }
  }

  return { data, columns, status, refresh, move, loadMore, loadingMore }
}

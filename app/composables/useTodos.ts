import type { TodoDto, TodoListResponse } from '#shared/types/todos'

/** Badge colour per priority (1 low … 4 urgent). */
export const TODO_PRIORITY_COLORS = { 1: 'neutral', 2: 'info', 3: 'warning', 4: 'error' } as const

export function useTodoList(query: Ref<Record<string, string>>) {
  return useFetch<TodoListResponse>('/api/todos', {
    key: 'todos-list', query,
    default: () => ({ items: [], counts: { open: 0, done: 0, overdue: 0, today: 0 } }),
  })
}

/** To-do mutations; each refreshes the list and the calendar, so whatever shows them is up to date. */
export function useTodoActions() {
  const refresh = () => Promise.all([refreshNuxtData('todos-list'), refreshNuxtData('calendar')])

  async function create(body: Record<string, unknown>): Promise<TodoDto> {
    const todo = await $fetch<TodoDto>('/api/todos', { method: 'POST', body })
    await refresh()
    return todo
  }
  async function update(id: number, body: Record<string, unknown>): Promise<TodoDto> {
    const todo = await $fetch<TodoDto>(`/api/todos/${id}`, { method: 'PATCH', body })
    await refresh()
    return todo
  }
  async function remove(id: number): Promise<void> {
    await $fetch(`/api/todos/${id}`, { method: 'DELETE' })
    await refresh()
  }
  const get = (id: number) => $fetch<TodoDto>(`/api/todos/${id}`)
  return { create, update, remove, get, refresh }
}

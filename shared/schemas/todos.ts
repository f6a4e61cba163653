import { z } from 'zod'

/**
 * One source for the to-do form and the to-do API. Times are ISO 8601 with an offset
 * (the form sends +07:00); priority is 1–4 or its name.
 */

export const TODO_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const
export type TodoPriorityName = typeof TODO_PRIORITIES[number]
/** 1 = low … 4 = urgent; new to-dos are normal. */
export const TODO_DEFAULT_PRIORITY = 2

export const TODO_STATUSES = ['open', 'done', 'all'] as const
export const TODO_DUE_FILTERS = ['overdue', 'today'] as const
/** A person's to-do list is short; the list answers at most this many. */
export const TODO_LIST_LIMIT = 500

export const todoPriorityField = z.union([
  z.number({ error: 'Pilih prioritas' }).int().min(1, 'Prioritas 1–4').max(4, 'Prioritas 1–4'),
  z.enum(TODO_PRIORITIES, { error: 'Pilih prioritas' }).transform(name => TODO_PRIORITIES.indexOf(name) + 1),
], { error: 'Pilih prioritas' })

const instantField = z.iso.datetime({ offset: true, error: 'Tanggal dan jam tidak valid' }).transform(v => new Date(v)).nullable()

const todoFields = {
  title: z.string({ error: 'Judul wajib diisi' }).trim().min(1, 'Judul wajib diisi').max(200, 'Maksimal 200 karakter'),
  notes: z.string().trim().max(5000, 'Maksimal 5000 karakter').transform(v => v || null).nullable(),
  leadId: z.number({ error: 'Pilih prospek' }).int().positive().nullable(),
  priority: todoPriorityField,
  dueAt: instantField,
  /** Empty means "when it is due". */
  remindAt: instantField,
  done: z.boolean({ error: 'Ya atau tidak' }),
}

export const todoCreateSchema = z.object(todoFields).partial().extend({ title: todoFields.title })
export type TodoCreateInput = z.output<typeof todoCreateSchema>
export type TodoFormState = z.input<typeof todoCreateSchema>

export const todoUpdateSchema = z.object(todoFields).partial()
  .refine(v => Object.keys(v).length > 0, 'Tidak ada perubahan')
export type TodoUpdateInput = z.output<typeof todoUpdateSchema>

export const todoListQuerySchema = z.object({
  status: z.enum(TODO_STATUSES).default('open'),
  due: z.enum(TODO_DUE_FILTERS).optional(),
})
export type TodoListQuery = z.output<typeof todoListQuerySchema>

import { createError, getQuery, getRouterParams, readBody, type H3Event } from 'h3'
import { z } from 'zod'

/** Turn a ZodError into our uniform 400: `data.fieldErrors` maps each field to its messages. */
export function validationError(error: z.ZodError) {
  const flat = z.flattenError(error)
  return createError({
    statusCode: 400,
    statusMessage: 'Validation Error',
    message: flat.formErrors[0] ?? 'Periksa kembali isian Anda.',
    data: { fieldErrors: flat.fieldErrors, formErrors: flat.formErrors },
  })
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input)
  if (!result.success) throw validationError(result.error)
  return result.data
}

/** A body that is not JSON: the same 400 shape as a validation error, with the problem as a form error. */
export function invalidJsonError() {
  const message = 'Body bukan JSON yang valid.'
  return createError({ statusCode: 400, statusMessage: 'Bad Request', message, data: { fieldErrors: {}, formErrors: [message] } })
}

export async function readInput<S extends z.ZodType>(event: H3Event, schema: S): Promise<z.output<S>> {
  return parseInput(schema, (await readBody(event).catch(() => {
    throw invalidJsonError()
  })) ?? {})
}

export function queryInput<S extends z.ZodType>(event: H3Event, schema: S): z.output<S> {
  return parseInput(schema, getQuery(event))
}

export function paramsInput<S extends z.ZodType>(event: H3Event, schema: S): z.output<S> {
  return parseInput(schema, getRouterParams(event, { decode: true }))
}

export function notFound(message = 'Data tidak ditemukan.') {
  return createError({ statusCode: 404, statusMessage: 'Not Found', message })
}

import { isEvent, type H3Event } from 'h3'

/**
 * @nuxtjs/i18n sets up its context on every request, and for that asks for the request's own runtime config,
 * which Nitro makes by cloning the whole config and reading the environment into it again: a third of a
 * millisecond per request on the development machine, about a tenth of a leads page. API routes render no page and
 * never change the config per request, so they are handed the process's copy (the same values, frozen) before
 * the i18n hook runs. `beforeEach` because hooks run in plugin order and the i18n plugin's comes first.
 */
export default defineNitroPlugin((nitroApp) => {
  const shared = useRuntimeConfig()
  nitroApp.hooks.beforeEach(({ name, args }) => {
    if (name !== 'request') return
    // The hook's arguments start with its name: only objects are offered to isEvent, whose `in` check throws on a string.
    const event = (args as unknown[]).find(a => typeof a === 'object' && a !== null && isEvent(a)) as H3Event | undefined
    if (!event?.path.startsWith('/api/')) return
    const nitro = event.context.nitro as { runtimeConfig?: unknown } | undefined
    if (nitro) nitro.runtimeConfig ??= shared
  })
})

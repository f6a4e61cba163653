import { isEvent, type H3Event } from 'h3'

/**
 * @nuxtjs/i18n sets up its context on every request, and for that asks for the request's own runtime config,
 * which Nitro makes by cloning the whole config and reading the environment into it again (every key looked up
 * as an environment variable): a third of a millisecond per API request on the development machine (a tenth of a
 * leads page), more per server-rendered page. The environment does not change while the process runs, so:
 * - API routes, which never change the config, are handed the process's copy (the same values, frozen);
 * - pages get a plain copy of it (structuredClone, no environment lookups): the Nuxt app writes to its config
 *   while rendering (@sidebase/nuxt-auth sets its baseURL), so it must be the request's own.
 * `beforeEach` because hooks run in plugin order and the i18n plugin's comes first.
 */
export default defineNitroPlugin((nitroApp) => {
  const shared = useRuntimeConfig()
  nitroApp.hooks.beforeEach(({ name, args }) => {
    if (name !== 'request') return
    // The hook's arguments start with its name: only objects are offered to isEvent, whose `in` check throws on a string.
    const event = (args as unknown[]).find(a => typeof a === 'object' && a !== null && isEvent(a)) as H3Event | undefined
    const nitro = event?.context.nitro as { runtimeConfig?: unknown } | undefined
    if (nitro) nitro.runtimeConfig ??= event!.path.startsWith('/api/') ? shared : structuredClone(shared)
  })
})

import { readdirSync } from 'node:fs'
import type { NitroConfig } from 'nitropack'

/** Message files under i18n/locales/<locale>/ (one per area, the same names in every locale), merged over the main file. */
const AREA_MESSAGES = readdirSync(new URL('./i18n/locales/id', import.meta.url))
  .filter(f => f.endsWith('.json')).map(f => f.slice(0, -5)).sort()

// https://nuxt.com/docs/api/configuration/nuxt-config
export default defineNuxtConfig({
  modules: ['@nuxt/eslint', '@nuxt/ui', '@nuxtjs/i18n', '@sidebase/nuxt-auth', '@pinia/nuxt'],

  devtools: { enabled: false },

  css: ['~/assets/css/main.css'],

  colorMode: { preference: 'dark', fallback: 'dark', storageKey: 'crm-color-mode' },

  // No network at build or run time: fonts come from @fontsource (imported in main.css),
  // icons from @iconify-json/lucide bundled into the server, never from the Iconify API.
  ui: { fonts: false, theme: { colors: ['primary', 'secondary', 'neutral', 'info', 'success', 'warning', 'error'] } },

  compatibilityDate: '2026-11-01',

  typescript: { strict: true },

  hooks: {
    // @nuxtjs/i18n's <SwitchLocalePathLink> (unused here: the language is the account's, not the URL's) comes with a
    // plugin that searches every rendered page's HTML with a regular expression for its markers.
    'app:resolve'(app) {
      app.plugins = app.plugins.filter(p => !p.src.includes('switch-locale-path-ssr'))
    },
    // Scheduled work: every process runs the cron; the work itself is claimed in the database
    // (SELECT ... FOR UPDATE SKIP LOCKED), so any number of instances is safe. SCHEDULER_ENABLED=false
    // turns it off per instance; SCHEDULER_TICK_SECONDS runs it more often than once a minute.
    // (Set through the hook: Nuxt 4.5 types its Nitro options with a fallback that leaves out tasks.)
    'nitro:config'(config) {
      const nitro = config as NitroConfig
      nitro.experimental = { ...nitro.experimental, tasks: true }
      nitro.scheduledTasks = { ...nitro.scheduledTasks, '* * * * *': ['scheduler:tick'] }
    },
  },

  auth: {
    isEnabled: true,
    baseURL: '/api/auth',
    provider: {
      type: 'local',
      endpoints: {
        signIn: { path: '/login', method: 'post' },
        signOut: { path: '/logout', method: 'post' },
        signUp: false,
        getSession: { path: '/session', method: 'get' },
      },
      pages: { login: '/login' },
      token: {
        signInResponseTokenPointer: '/token',
        type: 'Bearer',
        cookieName: 'auth.token',
        headerName: 'Authorization',
        maxAgeInSeconds: 60 * 60 * 24 * 14,
        sameSiteAttribute: 'lax',
      },
      session: {
        dataType: { id: 'number', name: 'string', email: 'string', role: '\'owner\' | \'manager\' | \'admin\' | \'sales\'', locale: 'string' },
      },
    },
    sessionRefresh: { enablePeriodically: false, enableOnWindowFocus: true },
    // Load the session on error pages too, so a page outside the role renders as 403, not as a sign-in.
    globalAppMiddleware: { isEnabled: true, allow404WithoutAuth: false },
  },

  eslint: { config: { stylistic: true } },

  i18n: {
    defaultLocale: 'id',
    strategy: 'no_prefix',
    locales: [
      // One file per area besides the shell's, so areas grow without touching each other's strings.
      { code: 'id', language: 'id-ID', name: 'Bahasa Indonesia', files: ['id.json', ...AREA_MESSAGES.map(a => `id/${a}.json`)] },
      { code: 'en', language: 'en-US', name: 'English', files: ['en.json', ...AREA_MESSAGES.map(a => `en/${a}.json`)] },
    ],
    // The language is a setting of the account (users.locale), not of the browser: see plugins/locale.ts.
    detectBrowserLanguage: false,
  },
  icon: {
    provider: 'server',
    serverBundle: { collections: ['lucide'] },
    clientBundle: { scan: true, sizeLimitKb: 256 },
    fallbackToApi: false,
  },
})

/** Follow the signed-in user's language (stored on the account); Bahasa Indonesia otherwise. */
export default defineNuxtPlugin({
  name: 'account-locale',
  dependsOn: ['i18n:plugin'],
  setup(nuxtApp) {
    const data = useSessionData()
    const i18n = nuxtApp.$i18n as { locale: Ref<string>, setLocale: (l: 'id' | 'en') => Promise<void> }
    watch(() => data.value?.locale, async (locale) => {
      const wanted = locale === 'en' ? 'en' : 'id'
      if (i18n.locale.value !== wanted) await i18n.setLocale(wanted)
    }, { immediate: true })
  },
})

import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { addTemplate, addTypeTemplate, defineNuxtModule } from '@nuxt/kit'
// @iconify/utils is what @nuxt/icon itself builds icon CSS with (installed with it): the same rules, byte for byte.
import { getIconCSS, getIconData } from '@iconify/utils'
import type { IconifyJSON } from '@iconify/types'

/**
 * Where the icons of every page's shell, of the dashboard (the page everyone lands on) and of the pipeline's cards
 * (up to 300 a board) are named.
 */
const SOURCES = ['app/layouts', 'app/components/app', 'app/components/dashboard', 'app/components/reports/ShareButton.vue', 'app/pages/index.vue', 'app/composables/useNavigation.ts', 'app/components/pipeline/Card.vue']

function files(path: string): string[] {
  return statSync(path).isDirectory() ? readdirSync(path).flatMap(f => files(join(path, f))) : [path]
}

/**
 * The CSS of the shell's, the dashboard's and the pipeline cards' icons, in the app's stylesheet, instead of in each page.
 *
 * @nuxt/icon (CSS mode) renders an icon on the server by loading its data, building its CSS rule and adding it to an
 * inline <style> of the page, for every icon of every render: ~2 ms of server CPU and 16 kB of HTML per dashboard.
 * An icon whose class it is told is already in the stylesheet (`serverKnownCssClasses`) it renders as the bare
 * <span> only; in the browser it finds the rule in the stylesheet and adds nothing either. Icons named elsewhere
 * (or built from variables) keep the per-page way: nothing breaks when this list misses one.
 */
export default defineNuxtModule({
  meta: { name: 'shell-icons' },
  setup(_, nuxt) {
    const root = nuxt.options.rootDir
    const names = new Set<string>()
    for (const file of SOURCES.flatMap(s => files(join(root, s))).filter(f => /\.(vue|ts)$/.test(f)))
      for (const [, name] of readFileSync(file, 'utf8').matchAll(/\bi-lucide-([a-z0-9]+(?:-[a-z0-9]+)*)/g)) names.add(name!)

    const lucide = JSON.parse(readFileSync(join(root, 'node_modules/@iconify-json/lucide/icons.json'), 'utf8')) as IconifyJSON
    const known: string[] = []
    const rules: string[] = []
    for (const name of [...names].sort()) {
      const data = getIconData(lucide, name)
      if (!data) continue
      // The selector and layer @nuxt/icon uses (cssSelectorPrefix `i-`, cssWherePseudo, cssLayer `base` from @nuxt/ui).
      rules.push(getIconCSS(data, { iconSelector: `:where(.i-lucide\\:${name})`, format: 'compressed' }))
      known.push(`i-lucide:${name}`)
    }
    const css = addTemplate({ filename: 'shell-icons.css', write: true, getContents: () => `@layer base {${rules.join('')}}\n` })
    nuxt.options.css.push(css.dst)
    // For AppIcon, which draws these icons as the bare <span> without a component (`#build/shell-icons`).
    addTemplate({ filename: 'shell-icons.mjs', write: true, getContents: () => `export default new Set(${JSON.stringify(known)})\n` })
    addTypeTemplate({ filename: 'types/shell-icons.d.ts', getContents: () => `declare module '#build/shell-icons' {\n  const known: Set<string>\n  export default known\n}\n` })
    // @nuxt/icon hands its list to this hook during its own setup; when it was set up before this module, the list
    // is already in the runtime config (the same array Nitro gets).
    const icon = nuxt.options.runtimeConfig.icon as { serverKnownCssClasses?: string[] } | undefined
    if (icon?.serverKnownCssClasses) icon.serverKnownCssClasses.push(...known)
    else nuxt.hook('icon:serverKnownCssClasses', classes => void classes.push(...known))
  },
})

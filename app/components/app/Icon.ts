import { h, type FunctionalComponent } from 'vue'
import shellIcons from '#build/shell-icons'
import UIcon from '@nuxt/ui/components/Icon.vue'

/**
 * An icon of the app shell, the dashboard or the pipeline's cards (`i-lucide-…`): drawn as the <span> UIcon renders,
 * without UIcon. Their CSS is in the stylesheet (modules/shell-icons.ts), so the three components UIcon renders per
 * icon (UIcon, Icon, its CSS renderer) have nothing left to do: ~0.1 ms of server CPU each, thirty times per page (and
 * 600 on the pipeline board). Any other icon goes through UIcon as usual.
 */
const AppIcon: FunctionalComponent<{ name: string }> = ({ name }) => {
  const cls = `i-lucide:${name.slice('i-lucide-'.length)}`
  return name.startsWith('i-lucide-') && shellIcons.has(cls)
    ? h('span', { 'class': ['iconify', cls], 'aria-hidden': 'true' })
    : h(UIcon, { name })
}
AppIcon.props = ['name']
export default AppIcon

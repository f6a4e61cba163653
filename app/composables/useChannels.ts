import type { ChannelAliasDto, ChannelDto, UnmappedUtmList, UtmMapResult } from '#shared/types/channels'

/** Channels and their UTM aliases, and their changes. */
export function useChannels() {
  const channels = useFetch<ChannelDto[]>('/api/channels', { key: 'channels', default: () => [] })
  const aliases = useFetch<ChannelAliasDto[]>('/api/channels/aliases', { key: 'channel-aliases', default: () => [] })

  async function create(body: Record<string, unknown>) {
    await $fetch('/api/channels', { method: 'POST', body })
    await channels.refresh()
  }
  async function update(id: number, body: Record<string, unknown>) {
    await $fetch(`/api/channels/${id}`, { method: 'PATCH', body })
    await channels.refresh()
  }
  return {
    channels: channels.data,
    aliases: aliases.data,
    status: computed(() => (channels.status.value === 'pending' || aliases.status.value === 'pending' ? 'pending' : channels.status.value)),
    create,
    update,
  }
}

/** Adding and removing aliases, without a fetch of its own: one per channel row stays cheap. */
export function useAliasActions() {
  async function addAlias(channelId: number, body: Record<string, unknown>) {
    await $fetch(`/api/channels/${channelId}/aliases`, { method: 'POST', body })
    await refreshNuxtData('channel-aliases')
  }
  async function removeAlias(id: number) {
    await $fetch(`/api/channels/aliases/${id}`, { method: 'DELETE' })
    await refreshNuxtData('channel-aliases')
  }
  return { addAlias, removeAlias }
}

/** UTM values on the 'other' channel, and the one-click mapping that turns one into an alias. */
export function useUnmappedUtm() {
  const { data, status, refresh } = useFetch<UnmappedUtmList>('/api/channels/unmapped', { key: 'utm-unmapped' })

  async function map(body: { field: string, value: string, channelId: number }): Promise<UtmMapResult> {
    const result = await $fetch<UtmMapResult>('/api/channels/unmapped/map', { method: 'POST', body })
    await Promise.all([refresh(), refreshNuxtData('channel-aliases')])
    return result
  }
  return { unmapped: data, status, refresh, map }
}

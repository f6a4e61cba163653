import type { ActivityResult } from '#shared/types/activities'

/** Logging, editing and deleting a lead's activities, and moving its next follow-up. */
export function useActivities() {
  return {
    create: (leadId: number, body: Record<string, unknown>) =>
      $fetch<ActivityResult>(`/api/leads/${leadId}/activities`, { method: 'POST', body }),
    update: (leadId: number, activityId: number, body: Record<string, unknown>) =>
      $fetch<ActivityResult>(`/api/leads/${leadId}/activities/${activityId}`, { method: 'PATCH', body }),
    remove: (leadId: number, activityId: number) =>
      $fetch(`/api/leads/${leadId}/activities/${activityId}`, { method: 'DELETE' }),
    reschedule: (leadId: number, nextFollowUpAt: string | null) =>
      $fetch<ActivityResult['lead']>(`/api/leads/${leadId}/follow-up`, { method: 'POST', body: { nextFollowUpAt } }),
  }
}

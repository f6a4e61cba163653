import { intakeCors } from '../../services/intake'

/** The CORS preflight of landing pages posting to /api/intake from their own origin. */
export default defineEventHandler((event) => {
  if (!intakeCors(event)) setResponseStatus(event, 204)
  return null
})

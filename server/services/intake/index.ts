export { intakeCors, readIntakeBody, siteKeyOf, tooManyRequests } from './http'
export { intakeRetryAfter, logIntake } from './rate-limit'
export { createIntakeSite, findSiteByKey, listIntakeSites, revokeIntakeSite, type IntakeSite } from './sites'
export { submitIntake } from './submit'

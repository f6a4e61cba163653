export { enrollmentNotFound, getEnrollment, listEnrollments } from './list'
export { createEnrollment, insertEnrollment, updateEnrollment } from './write'

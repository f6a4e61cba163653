export { autoAssignee, lockCursor, pickAssignee } from './pick'
export { notifyAssigned } from './notify'
export { getAssignmentSettings, updateAssignmentSettings } from './settings'
export { workload, workloadPercent } from './workload'

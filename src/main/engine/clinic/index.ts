export { createClinicHandlers, type ClinicAccount, type ClinicDeps, type ClinicHandlers } from './handlers'
export { createMemoryActivityLog, sanitizeActivityEntry, type ActivityLog } from './activity'
export { describeClinicProblem, fieldOfServerMessage, type ClinicObject } from './problems'
export { accountLabel, showsStudyManagement, showsTeam } from './access'

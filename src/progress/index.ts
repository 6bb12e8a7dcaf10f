// The learner's progress: where it is kept, how it is read and saved, how it is summarised.
export { ProgressStore, type ProgressRead, type SaveResult, type StoreOptions } from './store.js';
export { progressLocation, parsePasswd, type ProgressLocation, type PasswdEntry, type LocationInputs } from './location.js';
export { PROGRESS_VERSION, classifyProgressText, emptyProgress, type LessonProgress, type ProgressData, type StepRef, type Classified } from './schema.js';
export { summarizeProgress, doneStepNumbers, type LessonSummary } from './summary.js';
export { localStateDir, ensureDir, type Owner, type StateDir } from './state-dir.js';
export { stateDirFor, StateBroker, brokerStateDir } from './state-broker.js';
export { withLock, LockTimeoutError, type LockOptions } from './heartbeat-lock.js';

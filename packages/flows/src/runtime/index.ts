export * from './types.js';
export { startRun, sendEvent, FlowRunError, type Instant } from './run.js';
export { checkAnswers, normalizePhone } from './answers.js';
export { effectRequest } from './view.js';
export { runEventSchema } from './eventSchema.js';

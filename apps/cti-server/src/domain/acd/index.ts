/**
 * The ACD core (automatic call distributor): pure routing of every channel's
 * interactions to agents. See docs/routing.md.
 */
export { decide, type AcdDecision } from './decide.js';
export { createAcdState, cloneState } from './create.js';
export type { AcdConfig } from './context.js';
export type { AcdEvent, AcdEventType, RestoredAssignment } from './events.js';
export type { AcdCommand, AcdCommandType, AcdError, OfferEndReason, RequeueReason } from './commands.js';
export type { OfferExplain, ExplainCandidate, ExplainMode, ExplainReason } from './explain.js';
export type { AcdState, AgentRt, InteractionRt, OfferRt, QueueRt, TransferRecord } from './state.js';
export { checkInvariants } from './invariants.js';
export { readModel, agentsByStatusPerQueue, explainFor, offersFor, whereIs, transferCandidates, skilledQueueIds, type AcdReadModel, type QueueSnapshot, type TransferCandidate } from './readModel.js';
export { CAPACITY_UNITS } from './capacity.js';
export { effectivePriority, priorityKey } from './priority.js';
export { derivedStatus } from './status.js';

import type { Channel, FlowBinding, FlowBindingWrite, FlowInteractionType, FlowRunStatus } from '@omnicc/shared';
import type { FlowDocument, RunState } from '@omnicc/flows';

/** Who did something, and when (the audit trail's columns). */
export interface FlowActor {
  actorId: string;
  at: string;
}

/** A flow as stored: the draft (parsable, perhaps invalid), its revision and the live version. */
export interface StoredFlow {
  key: string;
  name: string;
  draft: FlowDocument;
  draftRevision: number;
  liveVersion: number | null;
  /** Highest version published, 0 when none. */
  latestVersion: number;
  updatedAt: string;
  updatedBy?: { id: string; displayName: string };
}

/** A published version; `document` only where asked for. */
export interface StoredFlowVersion {
  key: string;
  version: number;
  hash: string;
  comment: string;
  publishedAt: string;
  publishedBy?: { id: string; displayName: string };
  live: boolean;
}

export interface StoredFlowVersionWithDocument extends StoredFlowVersion {
  document: FlowDocument;
}

/** A run as stored: the runtime's state and where it stands. */
export interface StoredRun {
  runId: string;
  interactionId: string;
  flowKey: string;
  version: number;
  agentId?: string;
  state: RunState;
  status: FlowRunStatus;
  stepCount: number;
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
  disposition?: string;
}

/** A run as started: its first state, and when. */
export type NewRun = Pick<StoredRun, 'runId' | 'interactionId' | 'flowKey' | 'version' | 'agentId' | 'state'> & { at: string };

/** What an accepted interaction is matched against (see FlowBindings.match). */
export interface BindingCriteria {
  queueId: string;
  channel: Channel;
  interactionType: FlowInteractionType;
}

/**
 * Flows, versions and bindings: the designer's side. Every write is one
 * transaction with its audit row (flow_audit). Errors are AppErrors:
 * NOT_FOUND for an unknown key or version, CONFLICT for a duplicate key or
 * a stale draft revision. A failed call writes nothing.
 */
export interface FlowDefinitions {
  list(): Promise<StoredFlow[]>;
  get(key: string): Promise<StoredFlow | undefined>;
  /** A new flow whose draft is `document` (its key and name), revision 1, nothing live. */
  create(document: FlowDocument, by: FlowActor): Promise<StoredFlow>;
  /** Replaces the draft if it is still at `revision`; returns the new revision. */
  saveDraft(key: string, revision: number, document: FlowDocument, by: FlowActor): Promise<{ revision: number; updatedAt: string }>;
  /**
   * Publishes `document` — the draft as read at `revision` (CONFLICT when the
   * draft moved on) — as the next version and makes it live, in one transaction.
   */
  publish(key: string, p: { revision: number; document: FlowDocument; hash: string; comment: string }, by: FlowActor): Promise<StoredFlowVersion>;
  /** Makes an existing version live again; rewrites no version. */
  rollback(key: string, version: number, comment: string, by: FlowActor): Promise<StoredFlow>;
  /** Newest first. NOT_FOUND for an unknown flow. */
  versions(key: string): Promise<StoredFlowVersion[]>;
  version(key: string, version: number): Promise<StoredFlowVersionWithDocument | undefined>;
  /** The live version with its document, or undefined when nothing is live. */
  live(key: string): Promise<StoredFlowVersionWithDocument | undefined>;
}

/** Bindings of flows to queues, channels and interaction types. BAD_REQUEST for an unknown flow or queue, CONFLICT for a second binding with the same criteria. */
export interface FlowBindings {
  list(): Promise<FlowBinding[]>;
  create(binding: FlowBindingWrite, by: FlowActor): Promise<FlowBinding>;
  update(id: string, binding: FlowBindingWrite, by: FlowActor): Promise<FlowBinding>;
  delete(id: string, by: FlowActor): Promise<void>;
  /** Bindings that match, best first: highest priority, then the most specific (queue, then type, then channel). */
  match(criteria: BindingCriteria): Promise<FlowBinding[]>;
}

/** Runs and their steps: the agents' side. */
export interface FlowRuns {
  /** Inserts the run and its first steps in one transaction; a run of that flow for that interaction already there is returned as it is (`created: false`). */
  start(run: NewRun): Promise<{ run: StoredRun; created: boolean }>;
  get(runId: string): Promise<StoredRun | undefined>;
  /** The interaction's most recently started run. */
  latestFor(interactionId: string): Promise<StoredRun | undefined>;
  /**
   * Saves the run's new state and its new (and newly left) steps in one
   * transaction, only if it still has `expectedStepCount` steps: CONFLICT
   * when another node or tab advanced it first, NOT_FOUND for an unknown run.
   */
  save(runId: string, expectedStepCount: number, state: RunState, at: string): Promise<StoredRun>;
  /** Runs of the interaction waiting for the customer's reply. */
  waitingForReply(interactionId: string): Promise<StoredRun[]>;
  /** Runs whose wait for a reply ended at or before `at`, oldest deadline first. */
  replyDeadlinesDue(at: string, limit: number): Promise<StoredRun[]>;
  /** Runs waiting on an effect (left so by a crash between persisting and performing it). */
  effectsPending(limit: number): Promise<StoredRun[]>;
}

/** Port of service flows (docs/flows.md, "Server"); adapters/db/flowStore.ts implements it. */
export interface FlowStore {
  flows: FlowDefinitions;
  bindings: FlowBindings;
  runs: FlowRuns;
}

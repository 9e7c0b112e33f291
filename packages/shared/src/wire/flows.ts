import { z } from 'zod';
import { CHANNELS } from '../model/domain.js';

/**
 * Service flows (服务流程): REST contract of /api/flows (the designer: team
 * leads and admins), /api/flow-bindings, the catalog and the agent's run
 * API under /api/interactions/:id/flow-run (docs/flows.md, "Server").
 *
 * The flow document itself is @omnicc/flows' `flowDocumentSchema`, which
 * this package cannot import (packages/flows depends on it): here a document
 * is an object, and the server parses it with that schema (BAD_REQUEST with
 * the zod issues as `details` when it does not parse).
 */

/** A flow document body may be this large (a 2,000-node flow); other bodies keep LIMITS.restBodyBytes. */
export const FLOW_BODY_BYTES = 8 * 1024 * 1024;

/**
 * What a binding's `interactionType` matches: `inbound` (the interaction's
 * first assignment) or `transferred` (assigned again after a transfer).
 */
export const FLOW_INTERACTION_TYPES = ['inbound', 'transferred'] as const;
export type FlowInteractionType = (typeof FLOW_INTERACTION_TYPES)[number];

/** A run waits (for the agent, the customer or an effect), has finished, or failed (could not go on: see its `failure`). */
export const FLOW_RUN_STATUSES = ['waiting', 'finished', 'failed'] as const;
export type FlowRunStatus = (typeof FLOW_RUN_STATUSES)[number];

/** What the flow audit trail records. */
export const FLOW_AUDIT_ACTIONS = ['create', 'saveDraft', 'publish', 'rollback', 'createBinding', 'updateBinding', 'deleteBinding'] as const;
export type FlowAuditAction = (typeof FLOW_AUDIT_ACTIONS)[number];

const bilingualSchema = z.object({ en: z.string(), 'zh-CN': z.string() });

/** A FlowDocument (see @omnicc/flows `flowDocumentSchema`), parsed by the server. */
export const flowDocumentBodySchema = z.record(z.string(), z.unknown());

export const flowKeyParamsSchema = z.strictObject({ key: z.string().min(1).max(64) });
export const flowVersionParamsSchema = z.strictObject({ key: z.string().min(1).max(64), version: z.coerce.number().int().min(1).max(1_000_000) });
export const flowBindingParamsSchema = z.strictObject({ id: z.string().min(1).max(64) });

/** One problem `validate` found (@omnicc/flows `Diagnostic`). */
export const flowDiagnosticSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  testId: z.string().optional(),
  path: z.string().optional(),
  message: bilingualSchema,
});
export type FlowDiagnosticView = z.infer<typeof flowDiagnosticSchema>;

/** A user as the flow pages name them. */
const actorSchema = z.object({ id: z.string(), displayName: z.string() });

export const flowSummarySchema = z.object({
  key: z.string(),
  name: z.string(),
  /** The version agents run; null before the first publish. */
  liveVersion: z.number().int().nullable(),
  /** Names the draft a save must start from (PUT .../draft). */
  draftRevision: z.number().int(),
  /** Highest version published, 0 when none. */
  latestVersion: z.number().int(),
  updatedAt: z.string(),
  updatedBy: actorSchema.optional(),
});
export type FlowSummary = z.infer<typeof flowSummarySchema>;

export const flowListSchema = z.object({ items: z.array(flowSummarySchema) });
export type FlowList = z.infer<typeof flowListSchema>;

/** GET /api/flows/:key: the summary, the draft and what validate says of it now. */
export const flowDetailSchema = flowSummarySchema.extend({ draft: flowDocumentBodySchema, diagnostics: z.array(flowDiagnosticSchema) });
export type FlowDetail = z.infer<typeof flowDetailSchema>;

/** POST /api/flows: a new flow from a document (its key and name are the flow's). */
export const flowCreateSchema = z.strictObject({ document: flowDocumentBodySchema });
export type FlowCreate = z.infer<typeof flowCreateSchema>;

/** PUT /api/flows/:key/draft: `revision` is the draft's revision the editor started from (else CONFLICT). */
export const flowDraftSaveSchema = z.strictObject({ revision: z.number().int().min(1), document: flowDocumentBodySchema });
export type FlowDraftSave = z.infer<typeof flowDraftSaveSchema>;

/** A saved draft: its new revision, and what validate says (a draft may be invalid). */
export const flowDraftSavedSchema = z.object({ revision: z.number().int(), updatedAt: z.string(), diagnostics: z.array(flowDiagnosticSchema) });
export type FlowDraftSaved = z.infer<typeof flowDraftSavedSchema>;

/** POST /api/flows/:key/validate and /tests: a posted document, or the stored draft when absent. */
export const flowCheckSchema = z.strictObject({ document: flowDocumentBodySchema.optional() });
export type FlowCheck = z.infer<typeof flowCheckSchema>;

export const flowDiagnosticsSchema = z.object({ diagnostics: z.array(flowDiagnosticSchema) });
export type FlowDiagnostics = z.infer<typeof flowDiagnosticsSchema>;

/** One flow test case's result (@omnicc/flows `runFlowTests`). */
export const flowTestResultSchema = z.object({
  testId: z.string(),
  name: z.string(),
  passed: z.boolean(),
  /** The node ids the run passed, start first. */
  path: z.array(z.string()),
  variables: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  status: z.enum(['waiting', 'finished', 'failed', 'not-run']),
  outcome: z.object({ kind: z.enum(['ended', 'transferred']), nodeId: z.string() }).catchall(z.unknown()).optional(),
  /** Why it failed, by stable code, in both languages; empty when it passed. */
  failures: z.array(z.object({ code: z.string(), message: bilingualSchema })),
});
/** Every test of a flow; `passed` only when it compiles and every test passes (what publishing asks). */
export const flowTestReportSchema = z.object({ passed: z.boolean(), results: z.array(flowTestResultSchema), diagnostics: z.array(flowDiagnosticSchema) });
export type FlowTestReport = z.infer<typeof flowTestReportSchema>;

/** POST /api/flows/:key/publish: publishes the draft at `revision` (CONFLICT when the draft moved on since). */
export const flowPublishSchema = z.strictObject({ revision: z.number().int().min(1), comment: z.string().trim().min(1).max(500) });
export type FlowPublish = z.infer<typeof flowPublishSchema>;

/** POST /api/flows/:key/rollback: makes an earlier version live again; no version is written. */
export const flowRollbackSchema = z.strictObject({ version: z.number().int().min(1), comment: z.string().trim().min(1).max(500) });
export type FlowRollback = z.infer<typeof flowRollbackSchema>;

/** A published version (immutable). */
export const flowVersionSchema = z.object({
  key: z.string(),
  version: z.number().int(),
  hash: z.string(),
  comment: z.string(),
  publishedAt: z.string(),
  publishedBy: actorSchema.optional(),
  live: z.boolean(),
});
export type FlowVersionView = z.infer<typeof flowVersionSchema>;
export const flowVersionListSchema = z.object({ items: z.array(flowVersionSchema) });
export type FlowVersionList = z.infer<typeof flowVersionListSchema>;
export const flowVersionDetailSchema = flowVersionSchema.extend({ document: flowDocumentBodySchema });
export type FlowVersionDetail = z.infer<typeof flowVersionDetailSchema>;

/** `?from=1&to=draft`: two versions, or a version and the draft. */
const diffSide = z.union([z.literal('draft'), z.coerce.number().int().min(1).max(1_000_000)]);
export const flowDiffQuerySchema = z.strictObject({ from: diffSide, to: diffSide });
export type FlowDiffQuery = z.infer<typeof flowDiffQuerySchema>;

/** What @omnicc/flows `diffFlows` says between `from` and `to`: nodes, edges and other parts added, removed and changed. */
export const flowDiffSchema = z.object({ from: z.union([z.literal('draft'), z.number()]), to: z.union([z.literal('draft'), z.number()]), diff: z.record(z.string(), z.unknown()) });
export type FlowDiffView = z.infer<typeof flowDiffSchema>;

/** Refusal of a publish (UNPROCESSABLE): its `details`. */
export const flowPublishRefusalSchema = z.object({ diagnostics: z.array(flowDiagnosticSchema), tests: flowTestReportSchema.optional() });
export type FlowPublishRefusal = z.infer<typeof flowPublishRefusalSchema>;

// --- Bindings ---

const bindingCriteria = {
  queueId: z.string().min(1).max(64).optional(),
  channel: z.enum(CHANNELS).optional(),
  interactionType: z.enum(FLOW_INTERACTION_TYPES).optional(),
};
const someCriterion = (b: { queueId?: string | undefined; channel?: string | undefined; interactionType?: string | undefined }) => b.queueId !== undefined || b.channel !== undefined || b.interactionType !== undefined;
const criterionMessage = { message: 'a binding needs a queueId, a channel or an interactionType' };

/** POST /api/flow-bindings; PUT /api/flow-bindings/:id replaces one. Higher priority wins, then the more specific. */
export const flowBindingWriteSchema = z
  .strictObject({ flowKey: z.string().min(1).max(64), ...bindingCriteria, priority: z.number().int().min(-1000).max(1000).default(0) })
  .refine(someCriterion, criterionMessage);
export type FlowBindingWrite = z.infer<typeof flowBindingWriteSchema>;

export const flowBindingSchema = z.object({
  id: z.string(),
  flowKey: z.string(),
  queueId: z.string().optional(),
  channel: z.enum(CHANNELS).optional(),
  interactionType: z.enum(FLOW_INTERACTION_TYPES).optional(),
  priority: z.number().int(),
  createdAt: z.string(),
});
export type FlowBinding = z.infer<typeof flowBindingSchema>;
export const flowBindingListSchema = z.object({ items: z.array(flowBindingSchema) });
export type FlowBindingList = z.infer<typeof flowBindingListSchema>;

// --- Catalog ---

const catalogFieldSchema = z.object({ name: z.string(), type: z.string(), required: z.boolean(), label: bilingualSchema.optional() });

/** GET /api/flows/catalog (@omnicc/flows `FlowCatalog`): what a flow may refer to. */
export const flowCatalogSchema = z.object({
  addIns: z.array(z.object({ id: z.string(), name: bilingualSchema, operations: z.array(z.object({ name: z.string(), inputs: z.array(catalogFieldSchema), outputs: z.array(catalogFieldSchema) })) })),
  workOrderTypes: z.array(z.object({ type: z.string(), name: bilingualSchema, fields: z.array(catalogFieldSchema) })),
  queues: z.array(z.object({ id: z.string(), name: z.string() })),
  dispositions: z.array(z.object({ code: z.string(), labels: bilingualSchema })),
});
export type FlowCatalogView = z.infer<typeof flowCatalogSchema>;

// --- Runs (the agent's side panel) ---

const flowValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One step of a run's path (@omnicc/flows `StepRecord`). */
export const flowStepSchema = z.object({ seq: z.number().int(), nodeId: z.string(), kind: z.string(), at: z.string(), input: z.unknown().optional(), port: z.string().optional() });
export type FlowStepView = z.infer<typeof flowStepSchema>;

/** What the run waits for (@omnicc/flows `RunWaiting`): the node to show, or the effect the server is performing. */
export const flowWaitingSchema = z.object({ kind: z.enum(['script', 'ask', 'waitReply', 'effect']), nodeId: z.string() }).catchall(z.unknown());

/** GET /api/interactions/:id/flow-run, and the `flow:run` push. */
export const flowRunViewSchema = z.object({
  runId: z.string(),
  interactionId: z.string(),
  flowKey: z.string(),
  flowName: z.string(),
  version: z.number().int(),
  status: z.enum(FLOW_RUN_STATUSES),
  waiting: flowWaitingSchema.optional(),
  variables: z.record(z.string(), flowValueSchema),
  context: z.record(z.string(), flowValueSchema),
  steps: z.array(flowStepSchema),
  /** The team lead's caption of each node the run passed (node id -> label); nodes without one are named by kind. */
  nodeLabels: z.record(z.string(), z.string()).default({}),
  /** How it ended (@omnicc/flows `RunOutcome`). */
  outcome: z.object({ kind: z.enum(['ended', 'transferred']), nodeId: z.string() }).catchall(z.unknown()).optional(),
  /** Why a failed run could not go on (@omnicc/flows `RunFailure`). */
  failure: z.object({ code: z.string(), nodeId: z.string(), message: bilingualSchema }).optional(),
  /** The end node's disposition: the desktop preselects it as the wrap-up code. */
  disposition: z.string().optional(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
});
export type FlowRunView = z.infer<typeof flowRunViewSchema>;

/**
 * POST /api/interactions/:id/flow-run/events: what the agent did at the node
 * the run waits at. Replies, time-outs and effect results come from the
 * server, never from a desktop. `stepCount` is the view's step count: a run
 * that moved on since (another tab) is CONFLICT.
 */
export const flowRunEventRequestSchema = z.strictObject({
  event: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('next'), nodeId: z.string().min(1).max(40) }),
    z.strictObject({ type: z.literal('submit'), nodeId: z.string().min(1).max(40), values: z.record(z.string().max(48), flowValueSchema) }),
  ]),
  stepCount: z.number().int().min(0).optional(),
});
export type FlowRunEventRequest = z.infer<typeof flowRunEventRequestSchema>;

/** A refused event (UNPROCESSABLE): its `details`, the runtime's own code and per-field messages. */
export const flowRunRefusalSchema = z.object({ code: z.string(), message: bilingualSchema, fieldErrors: z.record(z.string(), bilingualSchema).optional() });
export type FlowRunRefusal = z.infer<typeof flowRunRefusalSchema>;

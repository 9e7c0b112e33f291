import { sql } from 'drizzle-orm';
import { type AnyPgColumn, type PgTableExtraConfigValue, bigserial, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { CHANNELS, FLOW_INTERACTION_TYPES, FLOW_RUN_STATUSES, type Channel, type FlowAuditAction, type FlowInteractionType, type FlowRunStatus } from '@omnicc/shared';
import { interactions, queues, users } from './schema.js';

/**
 * Service flows (服务流程, docs/flows.md "Server"): drafts, immutable
 * versions, bindings, runs and their steps, and the audit trail of every
 * change. Kept apart from schema.ts like the channels' tables;
 * drizzle.config.ts reads this file too.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });
const quoted = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/** One flow: its draft (any parsable document, valid or not), the draft's revision and which version is live. */
export const flows = pgTable(
  'flows',
  {
    key: text('key').primaryKey(),
    name: text('name').notNull(),
    /** A FlowDocument (flowDocumentSchema's output): drafts may fail validation, never parsing. */
    draft: jsonb('draft').notNull(),
    /** Bumped by every draft save: a save naming an older revision is CONFLICT (two tabs never overwrite each other). */
    draftRevision: integer('draft_revision').notNull().default(1),
    /** The version agents run; NULL until the first publish. */
    liveVersion: integer('live_version'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    // SET NULL: deleting a user keeps the flows they drew.
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  // Annotated: flows and flow_versions refer to each other, which TypeScript cannot infer.
  (t): PgTableExtraConfigValue[] => [
    check('flows_key_check', sql`${t.key} ~ '^[a-z0-9][a-z0-9-]{1,62}$'`),
    check('flows_revision_check', sql`${t.draftRevision} >= 1`),
    // The live version is one of the flow's own versions (written in the same transaction as it, see FlowStore.publish).
    foreignKey({ name: 'flows_live_version_fk', columns: [t.key, t.liveVersion], foreignColumns: [flowVersions.flowKey, flowVersions.version] }),
  ],
);

/**
 * Published versions, numbered from 1 per flow. Never updated (a trigger
 * refuses it, see migration 0012): a rollback moves `flows.live_version`
 * back, it does not rewrite a row.
 */
export const flowVersions = pgTable(
  'flow_versions',
  {
    flowKey: text('flow_key')
      .notNull()
      .references((): AnyPgColumn => flows.key),
    version: integer('version').notNull(),
    document: jsonb('document').notNull(),
    /** compile()'s hash: a run resumes only with the flow it started on. */
    hash: text('hash').notNull(),
    comment: text('comment').notNull(),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: ts('published_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.flowKey, t.version] }), check('flow_versions_version_check', sql`${t.version} >= 1`)],
);

/**
 * Which flow starts for an accepted interaction: every non-NULL criterion
 * must match; the highest priority wins, then the most specific (queue, then
 * interaction type, then channel). One binding per set of criteria.
 */
export const flowBindings = pgTable(
  'flow_bindings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    flowKey: text('flow_key')
      .notNull()
      .references(() => flows.key),
    // RESTRICT (the default): a queue a flow is bound to is not deleted under it.
    queueId: text('queue_id').references(() => queues.id),
    channel: text('channel').$type<Channel>(),
    interactionType: text('interaction_type').$type<FlowInteractionType>(),
    priority: integer('priority').notNull().default(0),
    createdAt: ts('created_at').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    unique('flow_bindings_criteria_key').on(t.queueId, t.channel, t.interactionType).nullsNotDistinct(),
    check('flow_bindings_some_criterion_check', sql`num_nonnulls(${t.queueId}, ${t.channel}, ${t.interactionType}) >= 1`),
    check('flow_bindings_channel_check', sql`${t.channel} IN (${quoted(CHANNELS)})`),
    check('flow_bindings_type_check', sql`${t.interactionType} IN (${quoted(FLOW_INTERACTION_TYPES)})`),
    check('flow_bindings_priority_check', sql`${t.priority} BETWEEN -1000 AND 1000`),
    index('flow_bindings_flow_idx').on(t.flowKey),
  ],
);

/**
 * One run of a flow version for one interaction. `state` is the runtime's
 * RunState; `step_count` guards every save (compare-and-set), so two nodes
 * or tabs cannot both advance a run.
 */
export const flowRuns = pgTable(
  'flow_runs',
  {
    id: uuid('id').primaryKey(),
    interactionId: uuid('interaction_id')
      .notNull()
      .references(() => interactions.id, { onDelete: 'cascade' }),
    flowKey: text('flow_key').notNull(),
    version: integer('version').notNull(),
    /** The agent it was started for (pushes go to their desktops). */
    agentId: uuid('agent_id').references(() => users.id, { onDelete: 'set null' }),
    state: jsonb('state').notNull(),
    status: text('status').$type<FlowRunStatus>().notNull(),
    /** What the run waits for (script, ask, waitReply, effect); NULL once finished. */
    waitingKind: text('waiting_kind'),
    /** A waitReply's deadline, for the owner's sweep. */
    deadline: ts('deadline'),
    stepCount: integer('step_count').notNull(),
    startedAt: ts('started_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    finishedAt: ts('finished_at'),
    /** The end node's disposition (offered as the wrap-up code), or NULL. */
    disposition: text('disposition'),
    /** The runtime's RunOutcome, once finished. */
    outcome: jsonb('outcome'),
  },
  (t) => [
    unique('flow_runs_interaction_flow_key').on(t.interactionId, t.flowKey),
    foreignKey({ name: 'flow_runs_version_fk', columns: [t.flowKey, t.version], foreignColumns: [flowVersions.flowKey, flowVersions.version] }),
    check('flow_runs_status_check', sql`${t.status} IN (${quoted(FLOW_RUN_STATUSES)})`),
    index('flow_runs_interaction_idx').on(t.interactionId, t.startedAt),
    // The owner's sweep of waits whose deadline passed, and effects left out by a crash.
    index('flow_runs_waiting_idx')
      .on(t.waitingKind, t.deadline)
      .where(sql`${t.status} = 'waiting'`),
  ],
);

/** The audit trail of runs: one row per node passed, with what came in and the port it left by. */
export const flowRunSteps = pgTable(
  'flow_run_steps',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => flowRuns.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    nodeId: text('node_id').notNull(),
    kind: text('kind').notNull(),
    at: ts('at').notNull(),
    input: jsonb('input'),
    /** NULL while the run is at the node, and for terminal nodes. */
    port: text('port'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.seq] }), index('flow_run_steps_node_idx').on(t.nodeId)],
);

/** Every change to flows and bindings, who made it and when (the designer's history and the auditors'). */
export const flowAudit = pgTable(
  'flow_audit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** No foreign key: the trail outlives what it speaks of. */
    flowKey: text('flow_key'),
    action: text('action').$type<FlowAuditAction>().notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    at: ts('at').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [index('flow_audit_flow_idx').on(t.flowKey, t.id)],
);

/** Every table of this file (the migration test checks the migrations create them). */
export const flowTables = { flows, flowVersions, flowBindings, flowRuns, flowRunSteps, flowAudit };

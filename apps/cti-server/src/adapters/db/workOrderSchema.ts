import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { WORK_ORDER_HISTORY_KINDS, WORK_ORDER_PRIORITIES, WORK_ORDER_STATES, WORK_ORDER_TYPES, type WorkOrderPriority, type WorkOrderState, type WorkOrderType } from '@omnicc/shared';
import { interactions, teams, users } from './schema.js';
import { customers } from './customerSchema.js';

/**
 * Work orders (工单, docs/work-orders.md): the orders, their links to
 * interactions, the history of every change and the per-day counters of
 * their numbers. Assignment groups are the routing teams (teams): an agent's
 * team is the group whose orders they work. drizzle.config.ts reads this file.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });
const quoted = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export const workOrders = pgTable(
  'work_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** WO-<operator's day>-<nnnn>: what agents and customers read out. */
    number: text('number').notNull().unique(),
    type: text('type').$type<WorkOrderType>().notNull(),
    state: text('state').$type<WorkOrderState>().notNull(),
    priority: text('priority').$type<WorkOrderPriority>().notNull(),
    /** Checked against the type's fields before every write (validateWorkOrderFields). */
    fields: jsonb('fields').$type<Record<string, string | number | boolean>>().notNull(),
    /** The customer; SET NULL: a deleted record leaves the order (a merge moves it to the record kept, features/customers). */
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    // SET NULL: deleting a team or user keeps the orders (they show as unassigned).
    groupId: text('group_id').references(() => teams.id, { onDelete: 'set null' }),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    acceptDueAt: ts('accept_due_at').notNull(),
    resolveDueAt: ts('resolve_due_at').notNull(),
    /** Set once by the sweep at 80 % of the phase's SLA (idempotent: only rows where it is NULL). */
    warnedAt: ts('warned_at'),
    /** Set once by the sweep when the phase's due time passed. */
    escalatedAt: ts('escalated_at'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** manual, or flow: the run and node that made it. */
    originKind: text('origin_kind').notNull(),
    originRunId: text('origin_run_id'),
    originNodeId: text('origin_node_id'),
    /** A flow effect's idempotency key: the same effect performed again finds this order. */
    idempotencyKey: text('idempotency_key').unique(),
    /** Bumped by every change: optimistic concurrency for transitions and assignments. */
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    check('work_orders_type_check', sql`${t.type} IN (${quoted(WORK_ORDER_TYPES)})`),
    check('work_orders_state_check', sql`${t.state} IN (${quoted(WORK_ORDER_STATES)})`),
    check('work_orders_priority_check', sql`${t.priority} IN (${quoted(WORK_ORDER_PRIORITIES)})`),
    check('work_orders_origin_check', sql`(${t.originKind} = 'manual' AND ${t.originRunId} IS NULL) OR (${t.originKind} = 'flow' AND ${t.originRunId} IS NOT NULL AND ${t.originNodeId} IS NOT NULL)`),
    index('work_orders_state_due_idx').on(t.state, t.resolveDueAt),
    index('work_orders_group_idx').on(t.groupId, t.createdAt),
    index('work_orders_assignee_idx').on(t.assigneeId, t.createdAt),
    index('work_orders_customer_idx').on(t.customerId, t.createdAt),
    index('work_orders_created_idx').on(t.createdAt),
  ],
);

/** Interactions involved in an order (the one it came from, and later contacts about it). */
export const workOrderInteractions = pgTable(
  'work_order_interactions',
  {
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'cascade' }),
    interactionId: uuid('interaction_id')
      .notNull()
      .references(() => interactions.id, { onDelete: 'cascade' }),
    linkedAt: ts('linked_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workOrderId, t.interactionId] }), index('work_order_interactions_interaction_idx').on(t.interactionId)],
);

/** Every change of an order, in order: who, when, from → to, why. Written in the change's transaction. */
export const workOrderHistory = pgTable(
  'work_order_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    at: ts('at').notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    fromState: text('from_state'),
    toState: text('to_state'),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  (t) => [check('work_order_history_kind_check', sql`${t.kind} IN (${quoted(WORK_ORDER_HISTORY_KINDS)})`), index('work_order_history_order_idx').on(t.workOrderId, t.id)],
);

/** Last number given per operator day: numbers are dense and unique without scanning the orders. */
export const workOrderCounters = pgTable('work_order_counters', {
  day: text('day').primaryKey(),
  last: integer('last').notNull(),
});

export const workOrderTables = { workOrders, workOrderInteractions, workOrderHistory, workOrderCounters };

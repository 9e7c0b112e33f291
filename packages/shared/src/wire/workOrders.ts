import { z } from 'zod';
import { idSchema } from '../model/ids.js';
import { workOrderPrioritySchema, workOrderStateSchema } from '../model/workOrderStates.js';
import { workOrderTypeSchema } from '../model/workOrderTypes.js';

/** REST contract of /api/work-orders (docs/work-orders.md). */

const fieldValueSchema = z.union([z.string().max(2000), z.number(), z.boolean()]);
const fieldsSchema = z.record(z.string().max(64), fieldValueSchema);
const noteSchema = z.string().trim().min(1).max(2000);
const person = z.object({ id: z.string(), displayName: z.string() });

/** How an order came to be: by an agent's hand, or by a service-flow node. */
export const workOrderOriginSchema = z.union([z.object({ kind: z.literal('manual') }), z.object({ kind: z.literal('flow'), runId: z.string(), nodeId: z.string() })]);
export type WorkOrderOrigin = z.infer<typeof workOrderOriginSchema>;

/** What the list shows of an order. */
export const workOrderSummarySchema = z.object({
  id: idSchema,
  number: z.string(),
  type: workOrderTypeSchema,
  state: workOrderStateSchema,
  priority: workOrderPrioritySchema,
  customerId: z.string().optional(),
  groupId: z.string().optional(),
  assignee: person.optional(),
  acceptDueAt: z.string(),
  resolveDueAt: z.string(),
  /** Where it stands against the SLA of its phase now (workOrderSlaStatus). */
  sla: z.enum(['ok', 'warning', 'overdue']),
  warned: z.boolean(),
  escalated: z.boolean(),
  /** Bumped by every change: a transition names the version it saw. */
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The first text field worth a glance (fault, description, ...), for the list. */
  summary: z.string(),
});
export type WorkOrderSummary = z.infer<typeof workOrderSummarySchema>;

/** The `workOrder:escalated` push: an order of the agent's group passed its due time (the owner's sweep escalated it). */
export const workOrderEscalatedSchema = z.object({ id: idSchema, number: z.string(), groupId: z.string().nullable() });
export type WorkOrderEscalated = z.infer<typeof workOrderEscalatedSchema>;

export const WORK_ORDER_HISTORY_KINDS = ['created', 'transition', 'assigned', 'note', 'linked', 'feedback', 'warning', 'escalated'] as const;

/** One change, as the history lists it. */
export const workOrderHistoryEntrySchema = z.object({
  id: z.number().int(),
  kind: z.enum(WORK_ORDER_HISTORY_KINDS),
  at: z.string(),
  /** Absent for the sweep (warnings, escalations) and flows. */
  by: person.optional(),
  from: workOrderStateSchema.optional(),
  to: workOrderStateSchema.optional(),
  note: z.string().optional(),
  /** Kind-specific: the group and assignee set, the interaction linked, the feedback's channel and message id. */
  data: z.record(z.string(), z.unknown()).optional(),
});
export type WorkOrderHistoryEntry = z.infer<typeof workOrderHistoryEntrySchema>;

/** The detail page: the order, its fields, links, history and the moves it allows now. */
export const workOrderDetailSchema = workOrderSummarySchema.extend({
  fields: fieldsSchema,
  origin: workOrderOriginSchema,
  createdBy: person.optional(),
  interactionIds: z.array(idSchema),
  history: z.array(workOrderHistoryEntrySchema),
  allowedMoves: z.array(workOrderStateSchema),
});
export type WorkOrderDetail = z.infer<typeof workOrderDetailSchema>;

export const createWorkOrderRequestSchema = z.object({
  type: workOrderTypeSchema,
  fields: z.record(z.string().max(64), z.unknown()),
  /** The interaction it comes from: linked, and its customer taken when customerId is not given. */
  interactionId: idSchema.optional(),
  customerId: idSchema.optional(),
  /** The assignment group (a team); the creator's team when absent. */
  groupId: z.string().min(1).max(64).optional(),
  priority: workOrderPrioritySchema.optional(),
  note: noteSchema.optional(),
});
export type CreateWorkOrderRequest = z.infer<typeof createWorkOrderRequestSchema>;

/** A comma-separated query parameter, split before its items are checked. */
const commaList = (s: unknown) => (typeof s === 'string' ? s.split(',').filter((x) => x !== '') : s);

export const WORK_ORDER_SORTS = ['createdAt', '-createdAt', 'resolveDueAt', '-resolveDueAt', 'priority', '-priority', 'number', '-number'] as const;

/** List filters, as query parameters (lists are comma-separated). */
export const workOrderListQuerySchema = z.object({
  state: z.preprocess(commaList, z.array(workOrderStateSchema).max(20)).optional(),
  type: z.preprocess(commaList, z.array(workOrderTypeSchema).max(20)).optional(),
  groupId: z.string().max(64).optional(),
  assigneeId: z.string().max(64).optional(),
  customerId: idSchema.optional(),
  /** Open orders past the due time of their phase. */
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  createdFrom: z.iso.datetime({ offset: true }).optional(),
  createdTo: z.iso.datetime({ offset: true }).optional(),
  sort: z.enum(WORK_ORDER_SORTS).default('-createdAt'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type WorkOrderListQuery = z.infer<typeof workOrderListQuerySchema>;

export const workOrderListSchema = z.object({ items: z.array(workOrderSummarySchema), total: z.number().int() });
export type WorkOrderList = z.infer<typeof workOrderListSchema>;

export const workOrderTransitionRequestSchema = z.object({ to: workOrderStateSchema, version: z.number().int().min(1), note: noteSchema.optional() });
export type WorkOrderTransitionRequest = z.infer<typeof workOrderTransitionRequestSchema>;

export const workOrderAssignRequestSchema = z.object({ groupId: z.string().min(1).max(64).optional(), assigneeId: idSchema.nullable().optional(), version: z.number().int().min(1) });
export type WorkOrderAssignRequest = z.infer<typeof workOrderAssignRequestSchema>;

export const workOrderNoteRequestSchema = z.object({ note: noteSchema });
export const workOrderLinkRequestSchema = z.object({ interactionId: idSchema });

/**
 * Feedback to the customer (反馈): by SMS to `to` (else the order's contact
 * phone or number field), or by email on the thread of the order's latest
 * linked email interaction (its customer's address).
 */
export const workOrderFeedbackRequestSchema = z.object({
  channel: z.enum(['sms', 'email']),
  to: z.string().trim().min(3).max(32).optional(),
  text: z.string().trim().min(1).max(1000),
});
export type WorkOrderFeedbackRequest = z.infer<typeof workOrderFeedbackRequestSchema>;

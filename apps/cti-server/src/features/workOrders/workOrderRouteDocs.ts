import { z } from 'zod';
import {
  createWorkOrderRequestSchema,
  idParamsSchema,
  workOrderAssignRequestSchema,
  workOrderDetailSchema,
  workOrderFeedbackRequestSchema,
  workOrderLinkRequestSchema,
  workOrderListQuerySchema,
  workOrderListSchema,
  workOrderNoteRequestSchema,
  workOrderTransitionRequestSchema,
  workOrderTypeSchema,
} from '@omnicc/shared';
import type { RouteDoc } from '../admin/openapi/routeDoc.js';

const BASE = '/api/work-orders';
const label = z.object({ en: z.string(), 'zh-CN': z.string() });
const typeDefs = z.array(
  z.object({
    type: workOrderTypeSchema,
    name: label,
    fields: z.array(z.object({ name: z.string(), type: z.enum(['text', 'number', 'boolean', 'date', 'phone']), required: z.boolean(), label })),
    sla: z.object({ acceptHours: z.number(), resolveHours: z.number() }),
  }),
);
const common = { tag: 'workOrders', auth: 'authenticated' } as const;

/** The work-order routes, for the OpenAPI document (admin/openapi/coreRoutesDoc.ts lists them). Scope per role: docs/work-orders.md. */
export const WORK_ORDER_ROUTE_DOCS: readonly RouteDoc[] = [
  { ...common, method: 'GET', url: `${BASE}/types`, operationId: 'listWorkOrderTypes', summary: 'The work-order types: fields (typed, required, labels) and SLA hours', reply: typeDefs, status: 200, errors: [] },
  { ...common, method: 'GET', url: BASE, operationId: 'listWorkOrders', summary: 'Work orders in your scope, filtered, paged and sorted', query: workOrderListQuerySchema, reply: workOrderListSchema, status: 200, errors: [] },
  {
    ...common,
    method: 'POST',
    url: BASE,
    operationId: 'createWorkOrder',
    summary: 'Creates a work order (申请), from an interaction (linked with its customer) or by hand; BAD_REQUEST lists refused fields in both languages',
    body: createWorkOrderRequestSchema,
    reply: workOrderDetailSchema,
    status: 201,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  { ...common, method: 'GET', url: `${BASE}/:id`, operationId: 'getWorkOrder', summary: 'A work order with its fields, links, history and allowed moves', params: idParamsSchema, reply: workOrderDetailSchema, status: 200, errors: ['FORBIDDEN'] },
  {
    ...common,
    method: 'POST',
    url: `${BASE}/:id/transitions`,
    operationId: 'moveWorkOrder',
    summary: 'Moves a work order read at `version`: INVALID_TRANSITION (details: from, to, allowed) for an unreachable state, CONFLICT when stale',
    params: idParamsSchema,
    body: workOrderTransitionRequestSchema,
    reply: workOrderDetailSchema,
    status: 200,
    errors: ['FORBIDDEN', 'CONFLICT', 'INVALID_TRANSITION'],
  },
  {
    ...common,
    method: 'POST',
    url: `${BASE}/:id/assignment`,
    operationId: 'assignWorkOrder',
    summary: 'Assigns a group (team) and/or person; agents only themselves',
    params: idParamsSchema,
    body: workOrderAssignRequestSchema,
    reply: workOrderDetailSchema,
    status: 200,
    errors: ['FORBIDDEN', 'CONFLICT', 'INVALID_STATE'],
  },
  { ...common, method: 'POST', url: `${BASE}/:id/notes`, operationId: 'noteWorkOrder', summary: 'Adds a note to the history', params: idParamsSchema, body: workOrderNoteRequestSchema, reply: workOrderDetailSchema, status: 200, errors: ['FORBIDDEN'] },
  {
    ...common,
    method: 'POST',
    url: `${BASE}/:id/interactions`,
    operationId: 'linkWorkOrderInteraction',
    summary: 'Links an interaction you may read',
    params: idParamsSchema,
    body: workOrderLinkRequestSchema,
    reply: workOrderDetailSchema,
    status: 200,
    errors: ['FORBIDDEN'],
  },
  {
    ...common,
    method: 'POST',
    url: `${BASE}/:id/feedback`,
    operationId: 'sendWorkOrderFeedback',
    summary: "Sends feedback (反馈) to the customer by SMS or on the order's email thread, recorded in the history",
    params: idParamsSchema,
    body: workOrderFeedbackRequestSchema,
    reply: workOrderDetailSchema,
    status: 200,
    errors: ['FORBIDDEN', 'INVALID_STATE', 'UNAVAILABLE', 'PAYLOAD_TOO_LARGE'],
  },
];

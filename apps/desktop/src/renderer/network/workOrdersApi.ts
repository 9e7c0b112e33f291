import {
  workOrderDetailSchema,
  workOrderListSchema,
  type CreateWorkOrderRequest,
  type WorkOrderAssignRequest,
  type WorkOrderDetail,
  type WorkOrderFeedbackRequest,
  type WorkOrderList,
  type WorkOrderState,
  type WorkOrderType,
} from '@omnicc/shared';
import type { Http } from './http.js';

/** The list's filters as the workspace holds them (the query parameters of GET /api/work-orders). */
export interface WorkOrderFilters {
  state?: readonly WorkOrderState[];
  type?: WorkOrderType;
  overdue?: boolean;
  assigneeId?: string;
  customerId?: string;
  sort?: string;
  limit?: number;
  offset?: number;
}

/** The work-order REST calls (/api/work-orders; the server checks each role's scope). */
export interface WorkOrdersApi {
  list(token: string, filters: WorkOrderFilters): Promise<WorkOrderList>;
  get(token: string, id: string): Promise<WorkOrderDetail>;
  create(token: string, body: CreateWorkOrderRequest): Promise<WorkOrderDetail>;
  /** INVALID_TRANSITION (details: from, to, allowed) or CONFLICT (stale version) as ApiError. */
  move(token: string, id: string, to: WorkOrderState, version: number, note?: string): Promise<WorkOrderDetail>;
  assign(token: string, id: string, body: WorkOrderAssignRequest): Promise<WorkOrderDetail>;
  note(token: string, id: string, note: string): Promise<WorkOrderDetail>;
  feedback(token: string, id: string, body: WorkOrderFeedbackRequest): Promise<WorkOrderDetail>;
}

/** The query string of a filter set (lists comma-separated, absent filters left out). */
export function workOrderQuery(f: WorkOrderFilters): string {
  const q = new URLSearchParams();
  if (f.state?.length) q.set('state', f.state.join(','));
  if (f.type) q.set('type', f.type);
  if (f.overdue !== undefined) q.set('overdue', String(f.overdue));
  if (f.assigneeId) q.set('assigneeId', f.assigneeId);
  if (f.customerId) q.set('customerId', f.customerId);
  if (f.sort) q.set('sort', f.sort);
  if (f.limit !== undefined) q.set('limit', String(f.limit));
  if (f.offset !== undefined) q.set('offset', String(f.offset));
  return q.toString();
}

const orderPath = (id: string) => `/api/work-orders/${encodeURIComponent(id)}`;
const detail = (d: unknown) => workOrderDetailSchema.parse(d);

/** WorkOrdersApi over the page's HTTP client. */
export function createWorkOrdersApi({ call }: Http): WorkOrdersApi {
  return {
    list: (token, filters) => call(`/api/work-orders?${workOrderQuery(filters)}`, { method: 'GET', token }, (d) => workOrderListSchema.parse(d)),
    get: (token, id) => call(orderPath(id), { method: 'GET', token }, detail),
    create: (token, body) => call('/api/work-orders', { method: 'POST', token, body }, detail),
    move: (token, id, to, version, note) => call(`${orderPath(id)}/transitions`, { method: 'POST', token, body: { to, version, ...(note ? { note } : {}) } }, detail),
    assign: (token, id, body) => call(`${orderPath(id)}/assignment`, { method: 'POST', token, body }, detail),
    note: (token, id, note) => call(`${orderPath(id)}/notes`, { method: 'POST', token, body: { note } }, detail),
    feedback: (token, id, body) => call(`${orderPath(id)}/feedback`, { method: 'POST', token, body }, detail),
  };
}

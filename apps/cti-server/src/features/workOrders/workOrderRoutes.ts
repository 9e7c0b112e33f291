import type { FastifyInstance } from 'fastify';
import {
  createWorkOrderRequestSchema,
  idParamsSchema,
  workOrderAssignRequestSchema,
  workOrderFeedbackRequestSchema,
  workOrderLinkRequestSchema,
  workOrderListQuerySchema,
  workOrderNoteRequestSchema,
  workOrderTransitionRequestSchema,
  type WorkOrderDetail,
  type WorkOrderList,
  type WorkOrderTypeDef,
  WORK_ORDER_TYPE_DEFS,
} from '@omnicc/shared';
import { parseWith } from '../../http/errors.js';
import type { Authenticate } from '../auth/guard.js';
import type { WorkOrderService } from './workOrderService.js';

const BASE = '/api/work-orders';

/**
 * /api/work-orders (docs/work-orders.md, "API"): every role, each within
 * the scope workOrderAccess.ts gives it; the service checks it per order.
 */
export function registerWorkOrderRoutes(app: FastifyInstance, deps: { authenticate: Authenticate; service: WorkOrderService }): void {
  const { authenticate, service } = deps;
  const id = (params: unknown) => parseWith(idParamsSchema, params, 'params').id;

  app.get(`${BASE}/types`, async (request): Promise<readonly WorkOrderTypeDef[]> => {
    await authenticate(request);
    return WORK_ORDER_TYPE_DEFS;
  });
  app.get(BASE, async (request): Promise<WorkOrderList> => {
    const principal = await authenticate(request);
    return service.list(principal, parseWith(workOrderListQuerySchema, request.query, 'query'));
  });
  app.post(BASE, async (request, reply): Promise<WorkOrderDetail> => {
    const principal = await authenticate(request);
    const body = parseWith(createWorkOrderRequestSchema, request.body, 'body');
    const { detail } = await service.create(body, { kind: 'manual', principal });
    void reply.code(201);
    return detail;
  });
  app.get(`${BASE}/:id`, async (request): Promise<WorkOrderDetail> => service.detail(await authenticate(request), id(request.params)));
  app.post(`${BASE}/:id/transitions`, async (request): Promise<WorkOrderDetail> => {
    const principal = await authenticate(request);
    return service.transition(principal, id(request.params), parseWith(workOrderTransitionRequestSchema, request.body, 'body'));
  });
  app.post(`${BASE}/:id/assignment`, async (request): Promise<WorkOrderDetail> => {
    const principal = await authenticate(request);
    return service.assign(principal, id(request.params), parseWith(workOrderAssignRequestSchema, request.body, 'body'));
  });
  app.post(`${BASE}/:id/notes`, async (request): Promise<WorkOrderDetail> => {
    const principal = await authenticate(request);
    return service.addNote(principal, id(request.params), parseWith(workOrderNoteRequestSchema, request.body, 'body').note);
  });
  app.post(`${BASE}/:id/interactions`, async (request): Promise<WorkOrderDetail> => {
    const principal = await authenticate(request);
    return service.link(principal, id(request.params), parseWith(workOrderLinkRequestSchema, request.body, 'body').interactionId);
  });
  app.post(`${BASE}/:id/feedback`, async (request): Promise<WorkOrderDetail> => {
    const principal = await authenticate(request);
    return service.sendFeedback(principal, id(request.params), parseWith(workOrderFeedbackRequestSchema, request.body, 'body'));
  });
}

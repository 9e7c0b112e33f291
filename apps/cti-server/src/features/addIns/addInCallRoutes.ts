import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ADD_IN_SLOTS, AppError, slotAddInListSchema, type ErrorCode } from '@omnicc/shared';
import { parseWith } from '../../http/errors.js';
import type { Store } from '../../store/Store.js';
import type { RouteDoc } from '../admin/openapi/routeDoc.js';
import type { Authenticate } from '../auth/guard.js';
import { interactionReadableBy } from '../interactions/readableInteraction.js';
import { AddInCallError, type AddInCallErrorCode } from './connector/addInErrors.js';
import type { AddInService } from './addInService.js';

/** Who may call any add-in operation for any number (agents only for the customer of an interaction they hold). */
const CALL_ANY = ['supervisor', 'admin'] as const;

export const addInCallParamsSchema = z.object({ id: z.string().min(1).max(40), operation: z.string().min(1).max(48) });
export const addInCallBodySchema = z.object({
  input: z.record(z.string().max(48), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()])),
  /** The interaction the agent asks for: its customer's number must be the one looked up. */
  interactionId: z.string().min(1).max(64).optional(),
});

export const addInCallReplySchema = z.object({
  /** The operation's declared output fields. */
  output: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  /** What the add-in gives its UI beyond them (the billing add-in's bill list). */
  details: z.unknown().optional(),
});

const CALL = '/api/add-ins/:id/call/:operation';
const SLOT_LIST = '/api/add-ins';

export const addInSlotQuerySchema = z.object({ slot: z.enum(ADD_IN_SLOTS) });

/** The call route, for the OpenAPI document (admin/openapi/coreRoutesDoc.ts lists it). */
export const ADD_IN_CALL_ROUTE_DOCS: readonly RouteDoc[] = [
  {
    method: 'GET',
    url: SLOT_LIST,
    operationId: 'listSlotAddIns',
    summary: "The enabled add-ins with a UI page in a desktop slot, with the capabilities granted for it (what the desk's iframe host answers)",
    tag: 'add-ins',
    auth: 'authenticated',
    query: addInSlotQuerySchema,
    reply: slotAddInListSchema,
    status: 200,
    errors: [],
  },
  {
    method: 'POST',
    url: CALL,
    operationId: 'callAddInOperation',
    summary:
      "Call an enabled add-in's operation through its connector (time budget, cache, circuit breaker). Agents: for the customer's number of an interaction they hold; supervisors and admins: any input. Connector failures are UNAVAILABLE with details.addInError (TIMEOUT, BREAKER_OPEN, BAD_RESPONSE, UPSTREAM_ERROR, UNREACHABLE, NOT_CONFIGURED)",
    tag: 'add-ins',
    auth: 'authenticated',
    params: addInCallParamsSchema,
    body: addInCallBodySchema,
    reply: addInCallReplySchema,
    status: 200,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'UNAVAILABLE'],
  },
];

/** How a connector failure reaches the desktop: the platform code as HTTP, the add-in's own code in details. */
const HTTP_CODE: Record<AddInCallErrorCode, ErrorCode> = {
  TIMEOUT: 'UNAVAILABLE',
  BREAKER_OPEN: 'UNAVAILABLE',
  BAD_RESPONSE: 'UNAVAILABLE',
  UPSTREAM_ERROR: 'UNAVAILABLE',
  UNREACHABLE: 'UNAVAILABLE',
  NOT_CONFIGURED: 'UNAVAILABLE',
  NOT_FOUND: 'NOT_FOUND',
  BAD_INPUT: 'BAD_REQUEST',
  NOT_GRANTED: 'FORBIDDEN',
};

/** Digits of a number without a China prefix, to compare +86, 0086 and local spellings. */
const numberKey = (s: string) => s.replace(/\D/g, '').replace(/^(00)?86(?=1\d{10}$)/, '');

/** The AppError a connector failure becomes on REST (details.addInError: TIMEOUT, BREAKER_OPEN, ...). */
export function toAppError(err: AddInCallError): AppError {
  return new AppError(HTTP_CODE[err.code], err.message, { addInError: err.code });
}

/**
 * `POST /api/add-ins/:id/call/:operation` `{ input, interactionId? }` →
 * `{ output, details? }`: the desktop's billing panel and the iframe host's
 * `callOperation`. Supervisors and admins call for any input; an agent
 * names an interaction it holds, and every phone input must be that
 * interaction's customer's number. The agent's token stays here: the
 * connector sends only the add-in's own key upstream.
 */
export function registerAddInCallRoutes(app: FastifyInstance, deps: { store: Store; authenticate: Authenticate; addIns: AddInService }): void {
  app.get(SLOT_LIST, async (request) => {
    await deps.authenticate(request);
    const { slot } = parseWith(addInSlotQuerySchema, request.query, 'query');
    return { items: await deps.addIns.forSlot(slot) };
  });
  app.post(CALL, async (request) => {
    const principal = await deps.authenticate(request);
    const { id, operation } = parseWith(addInCallParamsSchema, request.params, 'params');
    const body = parseWith(addInCallBodySchema, request.body, 'body');
    if (!(CALL_ANY as readonly string[]).includes(principal.role)) {
      if (body.interactionId === undefined) throw new AppError('FORBIDDEN', 'an agent calls an add-in for an interaction it holds: interactionId is required');
      const interaction = await interactionReadableBy(deps.store, principal, body.interactionId);
      if (interaction.agentId !== principal.userId) throw new AppError('FORBIDDEN', 'not your interaction');
      const addIn = await deps.addIns.enabled(id).catch((err: unknown) => {
        throw err instanceof AddInCallError ? toAppError(err) : err;
      });
      const op = addIn.manifest.connector?.operations.find((o) => o.name === operation);
      const phone = interaction.customer.phone;
      for (const field of op?.inputs.filter((f) => f.type === 'phone') ?? []) {
        const value = body.input[field.name];
        if (typeof value === 'string' && (phone === undefined || numberKey(value) !== numberKey(phone))) {
          throw new AppError('FORBIDDEN', `${field.name} is not the number of this interaction's customer`);
        }
      }
    }
    try {
      return await deps.addIns.call(id, operation, body.input);
    } catch (err) {
      throw err instanceof AddInCallError ? toAppError(err) : err;
    }
  });
}

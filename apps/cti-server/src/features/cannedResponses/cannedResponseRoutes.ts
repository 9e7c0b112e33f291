import type { FastifyInstance } from 'fastify';
import { cannedResponseListSchema, cannedResponsesQuerySchema, type CannedResponseList } from '@omnicc/shared';
import { parseWith } from '../../http/errors.js';
import type { Store } from '../../store/Store.js';
import type { RouteDoc } from '../admin/openapi/routeDoc.js';
import type { Authenticate } from '../auth/guard.js';
import { interactionReadableBy } from '../interactions/readableInteraction.js';
import { languageOfHeader, type CannedResponsePicker } from './cannedResponsePicker.js';

const URL = '/api/canned-responses';

/** The desktop's canned-response route, for the OpenAPI document (admin/openapi/coreRoutesDoc.ts lists it). */
export const CANNED_RESPONSE_ROUTE_DOCS: readonly RouteDoc[] = [
  {
    method: 'GET',
    url: URL,
    operationId: 'pickCannedResponses',
    summary:
      "The enabled canned responses of a channel, the caller's language first (`lang`, else Accept-Language), each rendered for `interactionId` when given (agents: interactions they hold) with the variables it could not fill",
    tag: 'cannedResponses',
    auth: 'authenticated',
    query: cannedResponsesQuerySchema,
    reply: cannedResponseListSchema,
    status: 200,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
];

/** GET /api/canned-responses for every signed-in role; the admin CRUD is in admin/codedResources.ts. */
export function registerCannedResponseRoutes(app: FastifyInstance, deps: { store: Store; authenticate: Authenticate; picker: CannedResponsePicker }): void {
  app.get(URL, async (request): Promise<CannedResponseList> => {
    const principal = await deps.authenticate(request);
    const query = parseWith(cannedResponsesQuerySchema, request.query, 'query');
    const interaction = query.interactionId === undefined ? undefined : await interactionReadableBy(deps.store, principal, query.interactionId);
    return deps.picker.pick({
      channel: query.channel,
      language: query.lang ?? languageOfHeader(request.headers['accept-language']),
      principal,
      ...(interaction ? { interaction } : {}),
    });
  });
}

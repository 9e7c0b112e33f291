import type { FastifyInstance } from 'fastify';
import { emailConversationSchema, emailMessageViewSchema, emailReplyRequestSchema, idParamsSchema, type EmailConversation, type EmailMessageView } from '@omnicc/shared';
import { parseWith } from '../../http/errors.js';
import type { Store } from '../../store/Store.js';
import type { RouteDoc } from '../admin/openapi/routeDoc.js';
import type { Authenticate } from '../auth/guard.js';
import { readableInteraction } from '../interactions/readableInteraction.js';
import type { EmailConversations } from './emailConversations.js';

/** Who answers mail from the desktop: those who take offers. */
const REPLIERS = ['agent', 'teamLead'] as const;

/** The email routes of the desktop, for the OpenAPI document (admin/openapi/coreRoutesDoc.ts lists them). */
export const EMAIL_ROUTE_DOCS: readonly RouteDoc[] = [
  {
    method: 'GET',
    url: '/api/interactions/:id/email',
    operationId: 'getEmailConversation',
    summary: "An email interaction's whole thread, HTML sanitized (agents: their own interactions only)",
    tag: 'email',
    auth: 'authenticated',
    params: idParamsSchema,
    reply: emailConversationSchema,
    status: 200,
    errors: ['FORBIDDEN'],
  },
  {
    method: 'POST',
    url: '/api/interactions/:id/email/reply',
    operationId: 'replyByEmail',
    summary: 'Answer the customer from the interaction one holds; stored, then sent with retries (see `delivery`)',
    tag: 'email',
    auth: REPLIERS,
    params: idParamsSchema,
    body: emailReplyRequestSchema,
    reply: emailMessageViewSchema,
    status: 201,
    errors: ['NOT_OWNER', 'INVALID_STATE', 'CONFLICT'],
  },
];

export function registerEmailRoutes(app: FastifyInstance, deps: { store: Store; authenticate: Authenticate; conversations: EmailConversations }): void {
  app.get('/api/interactions/:id/email', async (request): Promise<EmailConversation> => deps.conversations.view(await readableInteraction(request, deps)));
  app.post('/api/interactions/:id/email/reply', async (request, reply): Promise<EmailMessageView> => {
    const principal = await deps.authenticate(request, REPLIERS);
    const { id } = parseWith(idParamsSchema, request.params, 'params');
    const body = parseWith(emailReplyRequestSchema, request.body, 'body');
    const sent = await deps.conversations.reply(principal.userId, id, body);
    void reply.status(201);
    return sent;
  });
}

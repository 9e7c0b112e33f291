import type { FastifyInstance } from 'fastify';
import { idParamsSchema, smsConversationSchema, smsMessageViewSchema, smsReplyRequestSchema, type SmsConversation } from '@omnicc/shared';
import type { Store } from '../../store/Store.js';
import type { RouteDoc } from '../admin/openapi/routeDoc.js';
import type { Authenticate } from '../auth/guard.js';
import { readableInteraction } from '../interactions/readableInteraction.js';
import { REPLIERS, registerReplyRoute } from '../interactions/replyRoute.js';
import type { SmsConversations } from './smsConversations.js';

/** The SMS routes of the desktop, for the OpenAPI document (admin/openapi/coreRoutesDoc.ts lists them). */
export const SMS_ROUTE_DOCS: readonly RouteDoc[] = [
  {
    method: 'GET',
    url: '/api/interactions/:id/sms',
    operationId: 'getSmsConversation',
    summary: "An SMS interaction's conversation: the number's messages, oldest first, earlier conversations included, with each reply's delivery (agents: their own interactions only; BAD_REQUEST for another channel)",
    tag: 'sms',
    auth: 'authenticated',
    params: idParamsSchema,
    reply: smsConversationSchema,
    status: 200,
    errors: ['FORBIDDEN'],
  },
  {
    method: 'POST',
    url: '/api/interactions/:id/sms/reply',
    operationId: 'replyBySms',
    summary: 'Answer the customer from the SMS interaction one holds; stored, then submitted with retries (see `delivery` and the sms:status push); the same clientMessageId returns the stored reply',
    tag: 'sms',
    auth: REPLIERS,
    params: idParamsSchema,
    body: smsReplyRequestSchema,
    reply: smsMessageViewSchema,
    status: 201,
    errors: ['NOT_OWNER', 'INVALID_STATE', 'CONFLICT', 'PAYLOAD_TOO_LARGE', 'UNAVAILABLE'],
  },
];

export function registerSmsRoutes(app: FastifyInstance, deps: { store: Store; authenticate: Authenticate; conversations: SmsConversations }): void {
  app.get('/api/interactions/:id/sms', async (request): Promise<SmsConversation> => deps.conversations.view(await readableInteraction(request, deps)));
  registerReplyRoute(app, '/api/interactions/:id/sms/reply', { authenticate: deps.authenticate, schema: smsReplyRequestSchema, reply: (agentId, id, body) => deps.conversations.reply(agentId, id, body) });
}

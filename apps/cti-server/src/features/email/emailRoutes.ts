import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { idSchema, emailConversationSchema, emailMessageViewSchema, emailReplyRequestSchema, idParamsSchema, type EmailConversation } from '@omnicc/shared';
import { parseWith } from '../../http/errors.js';
import type { Store } from '../../store/Store.js';
import type { RouteDoc } from '../admin/openapi/routeDoc.js';
import type { Authenticate } from '../auth/guard.js';
import { readInteraction, readableInteraction } from '../interactions/readableInteraction.js';
import { REPLIERS, registerReplyRoute } from '../interactions/replyRoute.js';
import { MAIL_BODY_ROUTE_DOCS } from './mailBodyRoutes.js';
import type { EmailConversations } from './emailConversations.js';

const attachmentParamsSchema = z.object({ id: idSchema, attachmentId: idSchema });

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
  {
    method: 'GET',
    url: '/api/interactions/:id/email/attachments/:attachmentId',
    operationId: 'downloadEmailAttachment',
    summary: 'An attachment of the conversation, always as a download (never rendered); INVALID_STATE when its bytes were refused',
    tag: 'email',
    auth: 'authenticated',
    params: attachmentParamsSchema,
    status: 200,
    errors: ['FORBIDDEN', 'INVALID_STATE'],
  },
  ...MAIL_BODY_ROUTE_DOCS,
];

export function registerEmailRoutes(app: FastifyInstance, deps: { store: Store; authenticate: Authenticate; conversations: EmailConversations }): void {
  app.get('/api/interactions/:id/email', async (request): Promise<EmailConversation> => {
    const { interaction, principal } = await readInteraction(request, deps);
    return deps.conversations.view(interaction, principal.userId);
  });
  registerReplyRoute(app, '/api/interactions/:id/email/reply', { authenticate: deps.authenticate, schema: emailReplyRequestSchema, reply: (agentId, id, body) => deps.conversations.reply(agentId, id, body) });
  app.get('/api/interactions/:id/email/attachments/:attachmentId', async (request, reply) => {
    const { attachmentId } = parseWith(attachmentParamsSchema, request.params, 'params');
    const interaction = await readableInteraction(request, deps);
    const file = await deps.conversations.attachment(interaction, attachmentId);
    return reply.headers(downloadHeaders(file.filename, file.contentType)).send(file.content);
  });
}

/** Types shown inline (image preview); everything else is a download the browser never interprets. */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * Headers of a safe download: never rendered as a page (a hostile .html or
 * .svg attachment runs nothing), the name kept (RFC 6266 `filename*`) with
 * an ASCII fallback, and a CSP that forbids everything should a browser
 * open it anyway.
 */
export function downloadHeaders(filename: string, contentType: string): Record<string, string> {
  const type = INLINE_TYPES.has(contentType.toLowerCase()) ? contentType.toLowerCase() : 'application/octet-stream';
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_').slice(0, 150) || 'attachment';
  return {
    'content-type': type,
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, no-store',
  };
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, idSchema } from '@omnicc/shared';
import { parseWith } from '../../http/errors.js';
import type { MailStore } from '../../store/MailStore.js';
import type { RouteDoc } from '../admin/openapi/routeDoc.js';
import type { TokenService } from '../auth/tokens.js';
import { mailBodyCsp, mailBodyDocument } from './mailBodyDocument.js';

/** What a ticket is for (its JWT audience is `omnicc:mailBody`). */
const PURPOSE = 'mailBody';
/** Long enough to read a thread; the desk asks for fresh addresses with the conversation before they lapse. */
export const MAIL_BODY_TICKET_SECONDS = 30 * 60;

const paramsSchema = z.object({ messageId: idSchema });
const flag = z.enum(['0', '1']).default('0').transform((v) => v === '1');
const querySchema = z.strictObject({
  ticket: z.string().min(1).max(2048),
  images: flag,
  quotes: flag,
  lang: z.enum(['en', 'zh-CN']).default('en'),
});

export const MAIL_BODY_ROUTE_DOCS: readonly RouteDoc[] = [
  {
    method: 'GET',
    url: '/api/email/bodies/:messageId',
    operationId: 'getEmailBody',
    summary:
      "A received mail's sanitized HTML as a document of its own for the desk's sandboxed frame (its own CSP: no script, no requests until `images=1`). Authorized by the `ticket` in `bodyUrl` of the conversation (30 min, that user and mail only), since a frame's address carries no header",
    tag: 'email',
    auth: 'public',
    params: paramsSchema,
    query: querySchema,
    status: 200,
    errors: ['UNAUTHENTICATED', 'TOKEN_EXPIRED'],
  },
];

/** Signs the address of one mail's body for one user. */
export type MailBodyUrls = (userId: string, messageId: string) => Promise<{ url: string; expiresAt: number }>;

export function mailBodyUrls(tokens: TokenService): MailBodyUrls {
  return async (userId, messageId) => {
    const { ticket, expiresAt } = await tokens.issueTicket(PURPOSE, userId, messageId, MAIL_BODY_TICKET_SECONDS);
    return { url: `/api/email/bodies/${messageId}?ticket=${encodeURIComponent(ticket)}`, expiresAt };
  };
}

export function registerMailBodyRoutes(app: FastifyInstance, deps: { tokens: TokenService; mail: MailStore }): void {
  app.get('/api/email/bodies/:messageId', async (request, reply) => {
    const { messageId } = parseWith(paramsSchema, request.params, 'params');
    const query = parseWith(querySchema, request.query, 'query');
    await deps.tokens.verifyTicket(PURPOSE, query.ticket, messageId);
    const message = await deps.mail.messages.get(messageId);
    if (!message?.html) throw new AppError('NOT_FOUND', 'no HTML body');
    return reply
      .headers({
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': mailBodyCsp(query.images),
        'cache-control': 'private, no-store',
        'cross-origin-resource-policy': 'same-origin',
      })
      .send(mailBodyDocument(message.html, query));
  });
}

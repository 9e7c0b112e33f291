import type { FastifyInstance } from 'fastify';
import { SIGNATURE_HEADER } from './webhookSignature.js';
import type { WebhookSmsGateway } from './webhookGateway.js';

export interface SmsWebhookRouteOptions {
  /** Where the provider posts, e.g. `/api/sms/webhook/provider-a`. */
  path: string;
  gateway: WebhookSmsGateway;
  /** Largest callback body; a long inbound SMS is a few KiB. */
  bodyLimit?: number;
}

/**
 * POST route for a provider's callbacks. Registered in its own plugin scope
 * so that JSON stays a raw string here (the signature is over the exact
 * bytes sent; re-serialised JSON would not match) without changing how the
 * rest of the app parses JSON. Answers 204; a refused callback throws the
 * gateway's coded error, which the app's error handler turns into 401, 400
 * or 503 (not stored: the provider retries).
 * No staff authentication: the signature is the authentication.
 */
export async function registerSmsWebhookRoute(app: FastifyInstance, options: SmsWebhookRouteOptions): Promise<void> {
  await app.register((scope, _opts, done) => {
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: options.bodyLimit ?? 64 * 1024 }, (_request, body, parsed) => parsed(null, body));
    scope.post(options.path, async (request, reply) => {
      const signature = request.headers[SIGNATURE_HEADER];
      await options.gateway.handleCallback(typeof request.body === 'string' ? request.body : '', typeof signature === 'string' ? signature : undefined);
      return reply.status(204).send();
    });
    done();
  });
}

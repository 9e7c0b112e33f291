import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sendError } from './errors.js';

/**
 * API keys: `Authorization: Bearer <key>`. /v1 wants the API key, /admin the
 * admin key, /health nothing. Keys are compared in constant time: both sides
 * are hashed first, so neither the content nor the length of the key leaks
 * through the time a refusal takes.
 */

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** True when the Authorization header carries exactly this bearer key. */
export function bearerMatches(header: string | undefined, key: string): boolean {
  const presented = /^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '';
  // Compare even when nothing was presented, so that a missing header takes as long as a wrong one.
  return timingSafeEqual(digest(presented), digest(key)) && presented.length > 0;
}

/** Which key a path needs, or undefined for public paths. */
function keyFor(path: string, keys: { apiKey: string; adminKey: string }): string | undefined {
  if (path.startsWith('/admin/') || path === '/admin') return keys.adminKey;
  if (path === '/health') return undefined;
  return keys.apiKey;
}

/** Refuses requests without the right key with 401 UNAUTHORIZED. */
export function installAuth(app: FastifyInstance, keys: { apiKey: string; adminKey: string }): void {
  app.addHook('onRequest', async (request, reply) => {
    const key = keyFor(request.url.split('?')[0] ?? '', keys);
    if (key === undefined || bearerMatches(request.headers.authorization, key)) return;
    reply.header('www-authenticate', 'Bearer realm="bss-sim"');
    // Returning the reply tells Fastify the hook answered: the route does not run.
    return sendError(reply, 'UNAUTHORIZED', 'a valid Authorization: Bearer <key> header is required');
  });
}

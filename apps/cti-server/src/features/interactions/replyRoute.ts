import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { idParamsSchema } from '@omnicc/shared';
import { parseWith } from '../../http/errors.js';
import type { Authenticate } from '../auth/guard.js';

/** Who answers customers from the desktop (email, SMS): those who take offers. */
export const REPLIERS = ['agent', 'teamLead'] as const;

/**
 * `POST <url>` where the agent answers the customer of interaction `:id`:
 * only REPLIERS, the body parsed with its contract schema, 201 with what
 * `reply` stored (whether the owner is the caller is `reply`'s check).
 */
export function registerReplyRoute<S extends z.ZodType, T>(app: FastifyInstance, url: string, deps: { authenticate: Authenticate; schema: S; reply: (agentId: string, interactionId: string, body: z.output<S>) => Promise<T> }): void {
  app.post(url, async (request, reply): Promise<T> => {
    const principal = await deps.authenticate(request, REPLIERS);
    const { id } = parseWith(idParamsSchema, request.params, 'params');
    const body = parseWith(deps.schema, request.body, 'body');
    const stored = await deps.reply(principal.userId, id, body);
    void reply.status(201);
    return stored;
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Store } from '../../store/Store.js';
import type { Authenticate } from '../auth/guard.js';
import { readableInteraction } from './readableInteraction.js';

/** The reply of GET /api/interactions/:id/routing, for the OpenAPI document (OfferExplain in domain/acd/explain.ts). */
export const routingExplanationSchema = z.object({
  interactionId: z.uuid(),
  /** Every offer of the interaction, oldest first (stored with the offer, so it survives restarts and failovers). */
  offers: z.array(
    z.object({
      offerId: z.string(),
      agentId: z.string(),
      queueId: z.string(),
      offeredAt: z.iso.datetime(),
      expiresAt: z.iso.datetime(),
      endedAt: z.iso.datetime().optional(),
      endReason: z.enum(['accepted', 'rejected', 'timeout', 'withdrawn', 'abandoned', 'recovery']).optional(),
      explain: z.object({
        queueId: z.string(),
        mode: z.enum(['bestAgent', 'sticky', 'agentFreed', 'transfer']),
        selection: z.enum(['longestIdle', 'leastOccupied']),
        priority: z.object({ queue: z.number(), tierBonus: z.number(), waitedSeconds: z.number(), effective: z.number() }),
        candidates: z.array(z.object({ agentId: z.string(), skillScore: z.number(), idleMs: z.number(), loadPercent: z.number() })),
        chosenAgentId: z.string(),
        reason: z.string(),
        skippedInCooldown: z.number(),
      }),
    }),
  ),
});

/** The routing explanation of one interaction's offers. */
export type RoutingExplanation = z.infer<typeof routingExplanationSchema>;

/** GET /api/interactions/:id/routing: why each offer of the interaction went to its agent. */
export function registerRoutingRoutes(app: FastifyInstance, deps: { store: Store; authenticate: Authenticate }): void {
  app.get('/api/interactions/:id/routing', async (request): Promise<RoutingExplanation> => {
    const { id } = await readableInteraction(request, deps);
    return { interactionId: id, offers: await deps.store.offers.ofInteraction(id) };
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Store } from '../../store/Store.js';
import type { Authenticate } from '../auth/guard.js';
import type { OfferExplanation } from '../routing/explanations.js';
import { readableInteraction } from './readableInteraction.js';

/** The reply of GET /api/interactions/:id/routing, for the OpenAPI document (OfferExplain in domain/acd/explain.ts). */
export const routingExplanationSchema = z.object({
  interactionId: z.uuid(),
  /** Every offer made since the server started, oldest first (kept in memory only, so empty after a restart). */
  offers: z.array(
    z.object({
      offerId: z.string(),
      agentId: z.string(),
      offeredAt: z.iso.datetime(),
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
export interface RoutingExplanation {
  interactionId: string;
  offers: OfferExplanation[];
}

/** GET /api/interactions/:id/routing: why each offer of the interaction went to its agent. */
export function registerRoutingRoutes(app: FastifyInstance, deps: { store: Store; authenticate: Authenticate; explain: (interactionId: string) => OfferExplanation[] }): void {
  app.get('/api/interactions/:id/routing', async (request): Promise<RoutingExplanation> => {
    const { id } = await readableInteraction(request, deps);
    return { interactionId: id, offers: deps.explain(id) };
  });
}

import type { FastifyInstance } from 'fastify';
import type { Transcript } from '@omnicc/shared';
import type { Store } from '../../store/Store.js';
import type { Authenticate } from '../auth/guard.js';
import { readableInteraction } from './readableInteraction.js';

/** GET /api/interactions/:id/transcript: the interaction and all its messages. */
export function registerTranscriptRoutes(app: FastifyInstance, deps: { store: Store; authenticate: Authenticate }): void {
  app.get('/api/interactions/:id/transcript', async (request): Promise<Transcript> => {
    const interaction = await readableInteraction(request, deps);
    return { interaction, messages: await deps.store.messages.list(interaction.id) };
  });
}

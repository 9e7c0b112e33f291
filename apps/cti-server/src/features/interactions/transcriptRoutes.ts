import type { FastifyInstance } from 'fastify';
import { AppError, idParamsSchema, type Transcript } from '@omnicc/shared';
import type { Store } from '../../store/Store.js';
import { parseWith } from '../../http/errors.js';
import type { Authenticate } from '../auth/guard.js';

/** Roles that may read any transcript; agents read only their own interactions. */
const READ_ANY = ['teamLead', 'supervisor', 'admin'] as const;

export function registerTranscriptRoutes(app: FastifyInstance, deps: { store: Store; authenticate: Authenticate }): void {
  app.get('/api/interactions/:id/transcript', async (request): Promise<Transcript> => {
    const principal = await deps.authenticate(request);
    const { id } = parseWith(idParamsSchema, request.params, 'params');
    const interaction = await deps.store.interactions.get(id);
    if (!interaction) throw new AppError('NOT_FOUND', 'interaction not found');
    const mayRead = (READ_ANY as readonly string[]).includes(principal.role) || interaction.agentId === principal.userId;
    if (!mayRead) throw new AppError('FORBIDDEN', 'not your interaction');
    return { interaction, messages: await deps.store.messages.list(id) };
  });
}

import { AppError, type SoftphoneSettings } from '@omnicc/shared';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../store/Store.js';
import type { Authenticate } from '../auth/guard.js';
import type { VoiceChannel } from './voiceChannel.js';

/**
 * GET /api/voice/softphone: what the agent's softphone needs (the WebSocket
 * URL and ephemeral SIP credentials of the caller's own user), or
 * UNAVAILABLE when voice does not run here. Agents and team leads only:
 * supervisors monitor, they do not take calls.
 */
export function registerVoiceRoutes(app: FastifyInstance, deps: { store: Store; authenticate: Authenticate; voice: VoiceChannel }): void {
  app.get('/api/voice/softphone', async (request, reply): Promise<SoftphoneSettings> => {
    const me = await deps.authenticate(request, ['agent', 'teamLead']);
    if (!deps.voice.enabled) throw new AppError('UNAVAILABLE', `voice is ${deps.voice.status()}`);
    const user = await deps.store.users.findById(me.userId);
    if (!user) throw new AppError('NOT_FOUND', 'unknown user');
    void reply.header('cache-control', 'no-store');
    return deps.voice.softphone(user.username);
  });
}

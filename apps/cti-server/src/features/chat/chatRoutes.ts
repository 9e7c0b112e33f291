import type { FastifyInstance } from 'fastify';
import { AppError, startChatRequestSchema, type StartChatResponse } from '@omnicc/shared';
import { parseWith } from '../../http/errors.js';
import type { ChatService } from './chatService.js';

/**
 * The widget's one public endpoint. It is unauthenticated by nature, so it
 * is rate limited per address (a visitor starts a handful of chats, not hundreds).
 */
export function registerChatRoutes(app: FastifyInstance, deps: { chat: ChatService; now: () => number; perMinute: number }): void {
  const starts = new Map<string, number[]>();
  const { perMinute } = deps;

  app.post('/api/chat/sessions', async (request, reply): Promise<StartChatResponse> => {
    const recent = (starts.get(request.ip) ?? []).filter((t) => deps.now() - t < 60_000);
    if (recent.length >= perMinute) throw new AppError('RATE_LIMITED', 'too many chats started from this address');
    const body = parseWith(startChatRequestSchema, request.body, 'chat session');
    recent.push(deps.now());
    starts.set(request.ip, recent);
    if (starts.size > 50_000) starts.clear();
    void reply.status(201);
    return deps.chat.start(body.contact, body.queueId);
  });
}

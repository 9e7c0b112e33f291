import type { ChatMessage, Dictionaries, Interaction, Offer, Session } from '@omnicc/shared';

/** A valid v4 UUID whose last digits are `n`, so tests read "uuid(3)" instead of noise. */
export const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const AGENT_ID = uuid(900);

export function makeSession(overrides: Partial<Session> = {}): Session {
  return {
    token: 'token-1',
    expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    user: { id: AGENT_ID, username: 'wang', displayName: 'Wang Fang', role: 'agent' },
    ...overrides,
  };
}

export function makeInteraction(n: number, overrides: Partial<Interaction> = {}): Interaction {
  return {
    id: uuid(n),
    channel: 'chat',
    state: 'assigned',
    queueId: 'general',
    customer: { name: `Customer ${n}`, phone: '+8613800000000' },
    agentId: AGENT_ID,
    createdAt: '2025-03-01T08:00:00.000Z',
    assignedAt: '2025-03-01T08:00:05.000Z',
    ...overrides,
  };
}

export function makeOffer(n: number, overrides: Partial<Offer> = {}): Offer {
  const { agentId: _agent, assignedAt: _assigned, ...interaction } = makeInteraction(n, { state: 'offered' });
  return {
    offerId: uuid(100 + n),
    interaction,
    expiresAt: new Date(Date.now() + 20_000).toISOString(),
    ...overrides,
  };
}

let messageSeq = 0;
export function makeMessage(interactionN: number, overrides: Partial<ChatMessage> = {}): ChatMessage {
  messageSeq += 1;
  return {
    id: uuid(500 + messageSeq),
    interactionId: uuid(interactionN),
    clientMessageId: `client-${messageSeq}-xyz`,
    sender: 'customer',
    authorName: `Customer ${interactionN}`,
    text: `message ${messageSeq}`,
    sentAt: new Date(Date.parse('2025-03-01T08:01:00.000Z') + messageSeq * 1000).toISOString(),
    delivery: 'delivered',
    ...overrides,
  };
}

export const DICTIONARIES: Dictionaries = {
  notReadyReasons: [
    { code: 'break', labels: { en: 'Break', 'zh-CN': '小休' } },
    { code: 'lunch', labels: { en: 'Lunch', 'zh-CN': '午餐' } },
  ],
  dispositions: [
    { code: 'resolved', labels: { en: 'Resolved', 'zh-CN': '已解决' } },
    { code: 'followUp', labels: { en: 'Needs follow-up', 'zh-CN': '需回访' } },
  ],
};

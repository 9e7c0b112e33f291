import { describe, expect, it } from 'vitest';
import pino from 'pino';
import type { Store } from '../../store/Store.js';
import type { Routing } from '../routing/routingCalls.js';
import type { KamailioCommand } from './kamailioEvents.js';
import { VoiceService } from './voiceService.js';

/** Only the parsing edge: everything behind it is tested with real Kamailio in test/voiceCalls.test.ts. */
describe('VoiceService input from Kamailio', () => {
  const sent: KamailioCommand[] = [];
  const routingCalls: string[] = [];
  const service = new VoiceService({
    store: { interactions: {} } as unknown as Store,
    routing: { call: (name: string) => (routingCalls.push(name), Promise.resolve(null)) } as unknown as Routing,
    clock: { now: () => Date.now() },
    log: pino({ level: 'silent' }),
    send: (c) => (sent.push(c), true),
    numbers: new Map([['10086', 'voice-general']]),
    domain: 'omnicc.local',
  });

  it.each([
    ['not an object', 'hello'],
    ['an unknown event', { event: 'call.exploded', callId: 'x' }],
    ['a queued call without its transaction', { event: 'call.queued', callId: 'x', from: '1', to: '10086', cseq: '1' }],
    ['a negative transaction index', { event: 'call.queued', callId: 'x', tindex: -1, tlabel: 2, from: '1', to: '10086', cseq: '1' }],
    ['a huge call id', { event: 'call.cancelled', callId: 'x'.repeat(300) }],
    ['a bad held position', { event: 'call.held', callId: 'x', at: 'here' }],
  ])('drops %s without acting on it', async (_what, raw) => {
    await service.receive(raw);
    expect(sent).toStrictEqual([]);
    expect(routingCalls).toStrictEqual([]);
  });

  it('answers 404 to a call for a number that is no queue', async () => {
    await service.receive({ event: 'call.queued', callId: 'c1', tindex: 1, tlabel: 2, cseq: '1', ftag: 'f1', from: '13800138000', fromName: '', to: '12345' });
    expect(sent).toStrictEqual([{ cmd: 'reply', callId: 'c1', tindex: 1, tlabel: 2, code: 404, reason: 'Not Found' }]);
  });
});

import { describe, expect, it } from 'vitest';
import { AppError } from '@omnicc/shared';
import pino from 'pino';
import type { Store } from '../../store/Store.js';
import type { Routing } from '../routing/routingCalls.js';
import type { KamailioCommand } from './kamailioEvents.js';
import { signTransferTicket, transferSecret } from './transferTicket.js';
import type { QueueAnnouncer } from './queueAnnouncer.js';
import { VoiceService } from './voiceService.js';

/** A service whose store holds these interaction methods; what it sends Kamailio and asks routing goes into the lists. */
function voiceService(interactions: object, sent: KamailioCommand[], routingCalls: string[], announcer?: Partial<QueueAnnouncer>): VoiceService {
  return new VoiceService({
    store: { interactions } as unknown as Store,
    routing: { call: (name: string) => (routingCalls.push(name), Promise.resolve(null)) } as unknown as Routing,
    clock: { now: () => Date.now() },
    log: pino({ level: 'silent' }),
    send: (c) => (sent.push(c), true),
    numbers: new Map([['10086', 'voice-general']]),
    domain: 'omnicc.local',
    outboundQueueId: 'voice-general',
    transferSecret: transferSecret('test secret'),
    announcer: announcer as QueueAnnouncer | undefined,
  });
}

/** Only the parsing edge: everything behind it is tested with real Kamailio in test/voiceCalls.test.ts. */
describe('VoiceService input from Kamailio', () => {
  const sent: KamailioCommand[] = [];
  const routingCalls: string[] = [];
  const service = voiceService({ interactions: {} }, sent, routingCalls);

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

  it('refuses a call to a forged transfer address (403) and to an expired one (410), touching nothing', async () => {
    sent.length = 0;
    const ids = { interactionId: '6f1c2a52-1b7e-4b8a-9a38-9a3f1e2d4c5b', fromAgentId: '0b4a1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d', to: { queueId: 'voice-general' } };
    const forged = signTransferTicket(transferSecret('another secret'), { ...ids, expiresAt: 4_000_000_000 });
    const expired = signTransferTicket(transferSecret('test secret'), { ...ids, expiresAt: 1 });
    await service.receive({ event: 'call.queued', callId: 'c2', tindex: 1, tlabel: 3, cseq: '1', ftag: 'f2', from: '13800138000', to: forged });
    await service.receive({ event: 'call.queued', callId: 'c3', tindex: 1, tlabel: 4, cseq: '1', ftag: 'f3', from: '13800138000', to: expired });
    expect(sent).toStrictEqual([
      { cmd: 'reply', callId: 'c2', tindex: 1, tlabel: 3, code: 403, reason: 'Forbidden' },
      { cmd: 'reply', callId: 'c3', tindex: 1, tlabel: 4, code: 410, reason: 'Gone' },
    ]);
    expect(routingCalls).toStrictEqual([]);
  });
});

describe('VoiceService re-sync with Kamailio', () => {
  it('keeps a held call whose lookup is still running when sync.done arrives (it is not "unknown to Kamailio")', async () => {
    const interaction = { id: '6f1c2a52-1b7e-4b8a-9a38-9a3f1e2d4c5b', channel: 'voice', state: 'queued' };
    let found: (value: typeof interaction) => void = () => undefined;
    const routingCalls: string[] = [];
    const sent: KamailioCommand[] = [];
    const service = voiceService(
      {
        // The store answers the held call's lookup only after sync.done has come in.
        findByChannelRef: () => new Promise((resolve) => (found = resolve)),
        listOpen: () => Promise.resolve([interaction]),
      },
      sent,
      routingCalls,
    );
    service.connected();
    const held = service.receive({ event: 'call.held', callId: 'c1', at: '1:2' });
    const done = service.receive({ event: 'sync.done' });
    await new Promise((r) => setTimeout(r, 20));
    found(interaction);
    await Promise.all([held, done]);
    expect(routingCalls).toStrictEqual([]);
    expect(service.heldCalls()).toMatchObject([{ callId: 'c1', state: 'held' }]);
  });
});

describe('VoiceService new calls', () => {
  it('admits the call to routing without looking first, and takes the stored interaction when Kamailio tells the same call twice', async () => {
    const stored = { id: '6f1c2a52-1b7e-4b8a-9a38-9a3f1e2d4c5b', channel: 'voice', state: 'queued' };
    const lookups: string[] = [];
    const calls: { name: string; args: Record<string, unknown> }[] = [];
    const service = new VoiceService({
      store: { interactions: { findByChannelRef: (callId: string) => (lookups.push(callId), Promise.resolve(stored)) } } as unknown as Store,
      routing: {
        call: (name: string, args: Record<string, unknown>) => {
          calls.push({ name, args });
          // The second admit of the same Call-ID: routing's insert finds it taken.
          return name === 'admit' && calls.length > 1 ? Promise.reject(new AppError('CONFLICT', 'channel reference already in use')) : Promise.resolve(null);
        },
      } as unknown as Routing,
      clock: { now: () => Date.now() },
      log: pino({ level: 'silent' }),
      send: () => true,
      numbers: new Map([['10086', 'voice-general']]),
      domain: 'omnicc.local',
      outboundQueueId: 'voice-general',
      transferSecret: transferSecret('test secret'),
    });
    const queued = { event: 'call.queued', callId: 'c9', tindex: 1, tlabel: 2, cseq: '1', ftag: 'f9', from: '13800138000', fromName: 'Li Lei', to: '10086' };
    await service.receive(queued);
    expect(lookups).toStrictEqual([]);
    expect(calls[0]).toMatchObject({ name: 'admit', args: { interaction: { channel: 'voice', queueId: 'voice-general', customer: { name: 'Li Lei', phone: '13800138000' }, channelRef: 'c9' } } });
    expect(service.heldCalls()).toStrictEqual([{ callId: 'c9', interactionId: calls[0]?.args.id, state: 'held' }]);
    await service.receive(queued);
    expect(lookups).toStrictEqual(['c9']);
    expect(calls.map((c) => c.name)).toStrictEqual(['admit', 'admit', 'enqueue']);
    expect(calls[2]?.args).toMatchObject({ interactionId: stored.id });
    expect(service.heldCalls()).toStrictEqual([{ callId: 'c9', interactionId: stored.id, state: 'held' }]);
  });
});

describe('VoiceService queue tone', () => {
  const queued = { event: 'call.queued', callId: 'c1', tindex: 1, tlabel: 2, cseq: '1', ftag: 'f1', from: '13800138000', to: '10086', sdp: 'v=0\r\nm=audio 4000 RTP/AVP 8\r\n' };

  it('sends the caller early media and plays the tone once Kamailio holds the call again', async () => {
    const sent: KamailioCommand[] = [];
    const played: string[] = [];
    const service = voiceService({}, sent, [], {
      earlyMediaAnswer: () => Promise.resolve('v=0 (rtpengine)'),
      play: (call) => (played.push(call.callId), Promise.resolve()),
    });
    await service.receive(queued);
    await new Promise((r) => setTimeout(r, 10));
    expect(sent).toStrictEqual([{ cmd: 'earlyMedia', callId: 'c1', tindex: 1, tlabel: 2, sdp: 'v=0 (rtpengine)' }]);
    expect(played).toStrictEqual([]);
    await service.receive({ event: 'call.earlyMedia', callId: 'c1', tindex: 1, tlabel: 7 });
    expect(played).toStrictEqual(['c1']);
    expect(service.heldCalls()).toMatchObject([{ callId: 'c1', state: 'held' }]);
  });

  it('keeps the call queued, in silence, when rtpengine refuses the early media', async () => {
    const sent: KamailioCommand[] = [];
    const routingCalls: string[] = [];
    const service = voiceService({}, sent, routingCalls, {
      earlyMediaAnswer: () => Promise.reject(new Error('rtpengine refused "offer"')),
    });
    await service.receive(queued);
    await new Promise((r) => setTimeout(r, 10));
    expect(sent).toStrictEqual([]);
    expect(routingCalls).toStrictEqual(['admit']);
    expect(service.heldCalls()).toMatchObject([{ callId: 'c1', state: 'held' }]);
  });
});

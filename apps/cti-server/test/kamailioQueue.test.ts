import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { EvapiClient } from '../src/adapters/kamailio/evapiClient.js';
import { sipCredentials } from '../src/features/voice/sipCredentials.js';
import { freePort, SIP_DOMAIN, startTestTelephony, telephonyMissing, TEST_SIP_SECRET, type TestTelephony } from './support/telephony.js';

type Event = Record<string, unknown> & { event: string; callId?: string };

/**
 * Kamailio's side of voice, with this test as the CTI: real Kamailio and
 * rtpengine, sipp as callers and as a softphone. The CTI server's own voice
 * feature is tested on top of this in voice*.test.ts.
 */
describe.skipIf(telephonyMissing() !== undefined)('the Kamailio call queue (kamailio.cfg over evapi)', () => {
  let t: TestTelephony;
  let cti: EvapiClient;
  const events: Event[] = [];
  /** What the test CTI answers to each queued or re-held call. */
  let onHeld: (e: Event) => object | undefined = () => undefined;

  beforeAll(async () => {
    t = await startTestTelephony({ ctiGraceSeconds: 2 });
    cti = new EvapiClient({
      host: '127.0.0.1',
      port: t.ports.evapi,
      log: pino({ level: 'silent' }),
      onMessage: (m) => {
        const e = m as Event;
        events.push(e);
        if (e.event === 'call.queued' || e.event === 'call.ringFailed') {
          const reply = onHeld(e);
          if (reply) cti.send(reply);
        }
      },
    });
    cti.start();
    await until(() => cti.connected);
  }, 30_000);
  afterAll(async () => {
    await cti?.close();
    await t?.stop();
  });

  const until = async (check: () => boolean, timeoutMs = 5000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out; events: ${JSON.stringify(events.slice(-10))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const eventsOf = (callId: string | undefined): string[] => events.filter((e) => e.callId === callId).map((e) => e.event);
  const ring = (e: Event, agent: string, ringMs: number) => ({ cmd: 'ring', callId: e.callId, tindex: e.tindex, tlabel: e.tlabel, target: `sip:${agent}@${SIP_DOMAIN}`, ringMs, interactionId: randomUUID(), offerId: randomUUID() });
  const register = async (agent: string, contactPort: number, credentials = sipCredentials(TEST_SIP_SECRET, agent, SIP_DOMAIN, Date.now())) =>
    t.sipp('register', ['-m', '1', '-p', String(await freePort()), '-key', 'agent', agent, '-key', 'domain', SIP_DOMAIN, '-key', 'contact', `sip:${agent}@127.0.0.1:${contactPort}`, '-key', 'expires', '600', '-au', credentials.authorizationUsername, '-ap', credentials.password]);
  const call = async (scenario = 'caller') => t.sipp(scenario, ['-m', '1', '-p', String(await freePort()), '-s', '10086', '-key', 'caller', '13800138000', '-key', 'caller_name', 'Li Lei', '-d', '1000']);

  it('holds a call with 182 Queued, rings the agent the CTI picks, and reports ringing, answer and hang-up', async () => {
    const agentPort = await freePort();
    const agent = t.sipp('agent-answer', ['-m', '1', '-p', String(agentPort)]);
    expect((await register('alice', agentPort)).code).toBe(0);
    onHeld = (e) => (e.event === 'call.queued' ? ring(e, 'alice', 5000) : undefined);
    const caller = await call();
    expect(caller, caller.errors).toMatchObject({ code: 0 });
    expect((await agent).code).toBe(0);
    const queued = events.find((e) => e.event === 'call.queued');
    expect(queued).toMatchObject({ from: '13800138000', fromName: 'Li Lei', to: '10086', tindex: expect.any(Number) as number, tlabel: expect.any(Number) as number });
    await until(() => eventsOf(queued?.callId).includes('call.ended'));
    expect(eventsOf(queued?.callId)).toStrictEqual(['call.queued', 'call.ringing', 'call.answered', 'call.ended']);
    expect(events.find((e) => e.event === 'call.answered' && e.callId === queued?.callId)).toMatchObject({ agent: 'alice' });
    expect(events).toContainEqual({ event: 'registered', user: 'alice' });
  });

  it('lets a caller hang up while held: 487 to the caller, call.cancelled to the CTI', async () => {
    onHeld = () => undefined;
    const before = events.length;
    expect(await call('cancel-while-queued')).toMatchObject({ code: 0 });
    const queued = events.slice(before).find((e) => e.event === 'call.queued');
    await until(() => eventsOf(queued?.callId).includes('call.cancelled'));
    expect(eventsOf(queued?.callId)).toStrictEqual(['call.queued', 'call.cancelled']);
  });

  it('holds the call again when the agent lets it ring out, then ends it with the final answer the CTI gives', async () => {
    const deadPort = await freePort();
    expect((await register('bob', deadPort)).code).toBe(0);
    onHeld = (e) => (e.event === 'call.queued' ? ring(e, 'bob', 800) : { cmd: 'reply', callId: e.callId, tindex: e.tindex, tlabel: e.tlabel, code: 480, reason: 'No Agent Available' });
    const before = events.length;
    const caller = await call();
    // The caller expected an answer; it got 480 instead.
    expect(caller.code).not.toBe(0);
    expect(caller.errors).toContain('480 No Agent Available');
    const queued = events.slice(before).find((e) => e.event === 'call.queued');
    const failed = events.slice(before).find((e) => e.event === 'call.ringFailed');
    expect(failed).toMatchObject({ callId: queued?.callId, tindex: queued?.tindex, tlabel: queued?.tlabel });
    expect([408, 503]).toContain(failed?.code);
  });

  it('refuses registrations with a wrong, expired or borrowed credential', async () => {
    const port = await freePort();
    const wrong = { ...sipCredentials(TEST_SIP_SECRET, 'carol', SIP_DOMAIN, Date.now()), password: 'bm90IGl0' };
    const expired = sipCredentials(TEST_SIP_SECRET, 'carol', SIP_DOMAIN, Date.now() - 48 * 3600_000);
    const borrowed = sipCredentials(TEST_SIP_SECRET, 'alice', SIP_DOMAIN, Date.now());
    for (const credentials of [wrong, expired, borrowed]) expect((await register('carol', port, credentials)).code).not.toBe(0);
    expect(events.filter((e) => e.event === 'registered' && e.user === 'carol')).toStrictEqual([]);
  });

  it('answers a malformed INVITE with 400 and keeps serving', async () => {
    const result = await t.sipp('malformed-invite', ['-m', '1', '-p', String(await freePort()), '-s', '10086']);
    expect(result, result.errors).toMatchObject({ code: 0 });
  });

  it('lists the calls it holds when the CTI asks (after a reconnect)', async () => {
    onHeld = () => undefined;
    const before = events.length;
    const caller = t.sipp('cancel-while-queued', ['-m', '1', '-p', String(await freePort()), '-s', '10086', '-key', 'caller', '13900139000', '-key', 'caller_name', 'Han Meimei', '-d', '1000']);
    await until(() => events.slice(before).some((e) => e.event === 'call.queued'));
    const queued = events.slice(before).find((e) => e.event === 'call.queued');
    cti.send({ cmd: 'sync' });
    await until(() => events.slice(before).some((e) => e.event === 'sync.done'));
    expect(events.slice(before).filter((e) => e.event === 'call.held')).toStrictEqual([{ event: 'call.held', callId: queued?.callId, at: `${String(queued?.tindex)}:${String(queued?.tlabel)}` }]);
    await caller;
  });

  // Last: it takes the CTI away.
  it('without a CTI refuses new calls at once and releases the held ones after the grace period', async () => {
    onHeld = () => undefined;
    const before = events.length;
    const held = t.sipp('caller', ['-m', '1', '-p', String(await freePort()), '-s', '10086', '-key', 'caller', '13700137000', '-key', 'caller_name', 'Held']);
    await until(() => events.slice(before).some((e) => e.event === 'call.queued'));
    await cti.close();
    const started = Date.now();
    const refused = await call();
    expect(refused.errors).toContain('503 Service Unavailable');
    const released = await held;
    expect(released.code).not.toBe(0);
    expect(released.errors).toContain('503 Service Unavailable');
    // Released by the watch (grace 2 s, checked every second), not by a SIP timer.
    expect(Date.now() - started).toBeLessThan(6000);
  });
});

import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { queueConfigSchema, type Offer, type SupervisorClientToServer, type SupervisorServerToClient } from '@omnicc/shared';
import { ngCommand } from '../src/adapters/kamailio/rtpengineNg.js';
import { queueToneCallId } from '../src/features/voice/queueAnnouncer.js';
import { sipAuthSecret, type SipCredentials } from '../src/features/voice/sipCredentials.js';
import type { Store } from '../src/store/Store.js';
import { connected, next, startTestServer, type AgentSocket, type TestServer } from './support/testServer.js';
import { freePort, SIP_DOMAIN, startTestTelephony, telephonyMissing, type TestTelephony } from './support/telephony.js';

const TOKEN_SECRET = 'x'.repeat(40); // the test server's (see support/testServer.ts)

/** The hotline queue: offers ring 3 s so the ring-out case stays short. */
async function seedHotline(store: Store): Promise<void> {
  await store.queues.upsert({ id: 'voice-general', channel: 'voice', nameEn: 'Hotline', nameZh: '热线' });
  const config = await store.queueConfigs.get('voice-general');
  if (!config) throw new Error('no hotline config');
  await store.queueConfigs.update(queueConfigSchema.parse({ ...config, offerTimeoutSeconds: 3 }));
  // A second number whose callers wait at most 10 s.
  await store.queues.upsert({ id: 'voice-short', channel: 'voice', nameEn: 'Hotline (short wait)', nameZh: '热线（短等待）' });
  const short = await store.queueConfigs.get('voice-short');
  if (short) await store.queueConfigs.update(queueConfigSchema.parse({ ...short, maxWaitSeconds: 10 }));
  for (const username of ['alice', 'bob', 'tina']) {
    const user = await store.users.findByUsername(username);
    if (user) await store.agents.updateProfile(user.id, { skills: [], capacity: { voice: 1, chat: 3, email: 5, sms: 5 } });
  }
}

/**
 * Calls through the whole stack: sipp callers into real Kamailio and
 * rtpengine, the CTI server holding evapi, routing offering the call to a
 * logged-in agent, whose softphone (sipp registered with the credentials the
 * server issued) rings and answers.
 */
describe.skipIf(telephonyMissing() !== undefined)('voice calls through Kamailio and routing', () => {
  let t: TestTelephony;
  let server: TestServer;

  beforeAll(async () => {
    t = await startTestTelephony({ authSecret: sipAuthSecret(TOKEN_SECRET) });
    server = await startTestServer({
      seed: seedHotline,
      env: {
        OMNICC_VOICE: 'external',
        OMNICC_SIP_HOST: '127.0.0.1',
        OMNICC_SIP_DOMAIN: SIP_DOMAIN,
        OMNICC_SIP_PORT: String(t.ports.sip),
        OMNICC_SIP_WS_PORT: String(t.ports.ws),
        OMNICC_EVAPI_PORT: String(t.ports.evapi),
        OMNICC_RTPENGINE_NG_PORT: String(t.ports.rtpengineNg),
        OMNICC_SERVICE_NUMBERS: '10086=voice-general,10010=voice-short',
      },
    });
    await until(() => server.app.voice.status() === 'connected');
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await t?.stop();
  });

  async function until(check: () => boolean | Promise<boolean>, timeoutMs = 8000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** An agent logged in on the desktop socket, ready, with a registered softphone (sipp on `phonePort`). */
  async function agentOnline(username: string, { ready = true } = {}): Promise<{ socket: AgentSocket; phonePort: number; credentials: SipCredentials }> {
    const { token } = await server.login(username);
    const res = await fetch(`${server.url}/api/voice/softphone`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const { wsUrl, credentials } = (await res.json()) as { wsUrl: string; credentials: SipCredentials };
    expect(wsUrl).toBe(`ws://127.0.0.1:${t.ports.ws}`);
    expect(credentials.uri).toBe(`sip:${username}@${SIP_DOMAIN}`);
    const phonePort = await freePort();
    const registered = await t.sipp('register', ['-m', '1', '-p', String(await freePort()), '-key', 'agent', username, '-key', 'domain', SIP_DOMAIN, '-key', 'contact', `sip:${username}@127.0.0.1:${phonePort}`, '-key', 'expires', '600', '-au', credentials.authorizationUsername, '-ap', credentials.password]);
    expect(registered, registered.errors).toMatchObject({ code: 0 });
    const socket = server.agent(token);
    await connected(socket);
    if (ready) expect(await socket.emitWithAck('agent:setStatus', { status: 'ready' })).toMatchObject({ ok: true });
    return { socket, phonePort, credentials };
  }

  /** The call ended (caller hung up): the agent is in wrap-up and closes it, free for the next call. */
  async function wrapUpAfterHangUp(socket: AgentSocket, interactionId: string): Promise<void> {
    await until(async () => (await server.store.interactions.get(interactionId))?.state === 'wrapUp');
    expect(await socket.emitWithAck('interaction:wrapUp', { interactionId, dispositionCode: 'resolved', note: '' })).toMatchObject({ ok: true });
  }

  const dial = async (scenario: string, caller: string, hangUpAfterMs = 1000) =>
    t.sipp(scenario, ['-m', '1', '-p', String(await freePort()), '-s', '10086', '-key', 'caller', caller, '-key', 'caller_name', 'Li Lei', '-d', String(hangUpAfterMs)]);

  it('queues a call, offers it to a ready agent with the caller on screen, rings the softphone and connects it', async () => {
    const alice = await agentOnline('alice');
    const offered = next<Offer>(alice.socket, 'offer:new', 8000);
    const phone = t.sipp('agent-answer', ['-m', '1', '-p', String(alice.phonePort)]);
    const caller = dial('caller', '13800138001');
    const offer = await offered;
    expect(offer.interaction).toMatchObject({ channel: 'voice', queueId: 'voice-general', customer: { name: 'Li Lei', phone: '13800138001' } });
    expect(await caller).toMatchObject({ code: 0 });
    expect((await phone).code).toBe(0);
    // The caller hung up after talking: the call goes to the agent's wrap-up.
    const stored = await server.store.interactions.get(offer.interaction.id);
    expect(stored?.agentId).toBe((await server.store.users.findByUsername('alice'))?.id);
    await wrapUpAfterHangUp(alice.socket, offer.interaction.id);
    const events = (await server.store.interactions.events(offer.interaction.id)).map((e) => e.type);
    expect(events).toStrictEqual(['created', 'offered', 'assigned', 'ended', 'wrappedUp']);
    alice.socket.disconnect();
  });

  it("lets the desktop page connect to the softphone's WebSocket, and to nothing else", async () => {
    const csp = (await fetch(`${server.url}/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${t.ports.ws};`);
  });

  it('answers a call to a number that is no queue\'s with 404, creating nothing', async () => {
    const before = (await server.store.interactions.listOpen()).length;
    const caller = await t.sipp('caller', ['-m', '1', '-p', String(await freePort()), '-s', '99999', '-key', 'caller', '13800138009', '-key', 'caller_name', 'Wrong Number']);
    expect(caller.errors).toContain('404 Not Found');
    expect((await server.store.interactions.listOpen()).length).toBe(before);
  });

  it('holds a caller longer than tm\'s final-response timer, and abandons the call when they hang up', async () => {
    const caller = await dial('cancel-while-queued', '13800138002', 6000);
    expect(caller, caller.errors).toMatchObject({ code: 0 });
    await until(async () => (await server.store.interactions.listOpen()).every((i) => i.customer.phone !== '13800138002'));
    const all = await server.store.interactions.eventsSince('2000-01-01T00:00:00.000Z');
    const mine = all.filter((e) => e.type === 'abandoned');
    expect(mine.length).toBeGreaterThanOrEqual(1);
  });

  it('puts a rejected call back in the queue and gives it to the next agent', async () => {
    const bob = await agentOnline('bob');
    const bobOffer = next<Offer>(bob.socket, 'offer:new', 8000);
    const bobPhone = t.sipp('agent-reject', ['-m', '1', '-p', String(bob.phonePort)]);
    const caller = dial('caller', '13800138003');
    const first = await bobOffer;
    expect((await bobPhone).code).toBe(0);
    // Bob declined on his phone; Alice comes online and gets it.
    await until(async () => (await server.store.interactions.get(first.interaction.id))?.state === 'queued');
    const alice = await agentOnline('alice');
    const alicePhone = t.sipp('agent-answer', ['-m', '1', '-p', String(alice.phonePort)]);
    expect(await caller).toMatchObject({ code: 0 });
    expect((await alicePhone).code).toBe(0);
    await wrapUpAfterHangUp(alice.socket, first.interaction.id);
    const events = await server.store.interactions.events(first.interaction.id);
    expect(events.map((e) => e.type)).toStrictEqual(['created', 'offered', 'requeued', 'offered', 'assigned', 'ended', 'wrappedUp']);
    expect(events[2]?.data).toMatchObject({ reason: 'rejected' });
    bob.socket.disconnect();
    alice.socket.disconnect();
  });

  it('stops the ringing when the offer times out, holds the call again, and the caller can still give up', async () => {
    const alice = await agentOnline('alice');
    const offered = next<Offer>(alice.socket, 'offer:new', 8000);
    const phone = t.sipp('agent-noanswer', ['-m', '1', '-p', String(alice.phonePort)]);
    const caller = dial('caller-gives-up', '13800138004');
    const offer = await offered;
    // Routing's 3 s offer timer ends the ring: the softphone sees a CANCEL and the call waits again.
    const rang = await phone;
    expect(rang, rang.errors).toMatchObject({ code: 0 });
    const events = await server.store.interactions.events(offer.interaction.id);
    expect(events.map((e) => e.type).slice(0, 3)).toStrictEqual(['created', 'offered', 'requeued']);
    expect(events[2]?.data).toMatchObject({ reason: 'timeout' });
    await caller;
    await until(async () => (await server.store.interactions.get(offer.interaction.id))?.state === 'abandoned');
    alice.socket.disconnect();
  });

  it('keeps a queued call through a routing failover: the new owner re-syncs with Kamailio and the call is answered', async () => {
    const caller = dial('caller', '13800138005');
    await until(async () => (await server.store.interactions.listOpen()).some((i) => i.customer.phone === '13800138005'));
    // The owner goes away (its evapi link with it) and comes back with nothing in memory.
    await server.app.owner.giveUp();
    expect(server.app.voice.status()).toBe('standby');
    await server.app.owner.takeOver();
    await until(() => server.app.voice.calls().some((c) => c.state === 'held'));
    const alice = await agentOnline('alice');
    const phone = t.sipp('agent-answer', ['-m', '1', '-p', String(alice.phonePort)]);
    expect(await caller).toMatchObject({ code: 0 });
    expect((await phone).code).toBe(0);
    const recovered = (await server.store.interactions.listOpen()).find((i) => i.customer.phone === '13800138005');
    await wrapUpAfterHangUp(alice.socket, recovered?.id ?? '');
    alice.socket.disconnect();
  });

  it('releases a caller with 480 when the queue\'s max wait passes, and counts the call abandoned', async () => {
    const caller = await t.sipp('caller', ['-m', '1', '-p', String(await freePort()), '-s', '10010', '-key', 'caller', '13800138006', '-key', 'caller_name', 'Li Lei'], 30_000);
    expect(caller.code).not.toBe(0);
    expect(caller.errors).toContain('480 Temporarily Unavailable');
    const shortQueueEvents = async () => (await server.store.interactions.eventsSince('2000-01-01T00:00:00.000Z')).filter((e) => e.queueId === 'voice-short').map((e) => e.type);
    await until(async () => (await shortQueueEvents()).includes('abandoned'));
    expect(await shortQueueEvents()).toStrictEqual(['created', 'maxWaitReached', 'abandoned']);
  }, 30_000);

  it('plays the queue tone to a caller who waits, as early media from rtpengine, and stops it when an agent answers', async () => {
    // The caller's SDP points at this socket: what rtpengine sends the caller arrives here.
    const media = createSocket('udp4');
    const tonePort = await freePort();
    await new Promise<void>((resolve) => media.bind(tonePort, '127.0.0.1', resolve));
    const payloadTypes: number[] = [];
    media.on('message', (packet: Buffer) => payloadTypes.push((packet[1] ?? 0) & 0x7f));
    try {
      const caller = t.sipp('caller-hears-queue', ['-m', '1', '-p', String(await freePort()), '-s', '10086', '-key', 'caller', '13800138011', '-key', 'caller_name', 'Li Lei', '-key', 'tone_port', String(tonePort), '-d', '1000']);
      // Nobody is ready: a second of tone (RTP every 20 ms), in the caller's codec (PCMA, 8).
      await until(() => payloadTypes.length >= 50);
      expect(new Set(payloadTypes)).toStrictEqual(new Set([8]));
      const alice = await agentOnline('alice', { ready: false });
      const offered = next<Offer>(alice.socket, 'offer:new', 8000);
      const phone = t.sipp('agent-answer', ['-m', '1', '-p', String(alice.phonePort)]);
      expect(await alice.socket.emitWithAck('agent:setStatus', { status: 'ready' })).toMatchObject({ ok: true });
      const offer = await offered;
      await until(async () => (await server.store.interactions.get(offer.interaction.id))?.state === 'assigned');
      await new Promise((r) => setTimeout(r, 200));
      // The agent's sipp sends no audio: after the answer the caller hears nothing more from the queue.
      const atAnswer = payloadTypes.length;
      await new Promise((r) => setTimeout(r, 500));
      expect(payloadTypes.length - atAnswer).toBeLessThan(3);
      expect(await caller, (await caller).errors).toMatchObject({ code: 0 });
      expect((await phone).code).toBe(0);
      await wrapUpAfterHangUp(alice.socket, offer.interaction.id);
      // rtpengine forgot the tone's side of the call at the answer.
      const toneCallId = queueToneCallId((await server.store.interactions.channelRefOf(offer.interaction.id)) ?? '');
      expect(((await ngCommand('127.0.0.1', t.ports.rtpengineNg, { command: 'list' })).calls as string[]).includes(toneCallId)).toBe(false);
      alice.socket.disconnect();
    } finally {
      media.close();
    }
  });

  /**
   * A call the agent's softphone answered, with a caller who stays until a
   * BYE; `hungUpBothSides` resolves once both sipp ends got theirs.
   */
  async function connectedCall(username: string, callerNumber: string) {
    const agent = await agentOnline(username);
    const offered = next<Offer>(agent.socket, 'offer:new', 8000);
    const phone = t.sipp('agent-answer', ['-m', '1', '-p', String(agent.phonePort)]);
    const caller = dial('caller-stays', callerNumber);
    const offer = await offered;
    await until(async () => (await server.store.interactions.get(offer.interaction.id))?.state === 'assigned');
    const hungUpBothSides = async (): Promise<void> => {
      const [callerSide, phoneSide] = await Promise.all([caller, phone]);
      expect(callerSide, callerSide.errors).toMatchObject({ code: 0 });
      expect(phoneSide, phoneSide.errors).toMatchObject({ code: 0 });
    };
    return { agent, offer, hungUpBothSides };
  }

  it("gives a supervisor a listen-only WebRTC copy of both sides of a call from rtpengine, and nobody else", async () => {
    const { agent: bob, offer, hungUpBothSides } = await connectedCall('bob', '13800138012');
    const interactionId = offer.interaction.id;
    const supervisor: Socket<SupervisorServerToClient, SupervisorClientToServer> = io(`${server.url}/supervisor`, { auth: { token: (await server.login('sam')).token }, transports: ['websocket'], reconnection: false });
    try {
      const ack = await supervisor.emitWithAck('call:monitor', { interactionId });
      if (!ack.ok) throw new Error(ack.error.code);
      const { sdp, monitorId } = ack.value;
      // One send-only stream per party, for a browser: ICE, DTLS-SRTP, rtcp-mux.
      const media = sdp.split(/\r?\n(?=m=)/).slice(1);
      expect(media).toHaveLength(2);
      for (const m of media) {
        expect(m).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF /);
        expect(m).toContain('a=sendonly');
        expect(m).toMatch(/a=fingerprint:sha-256 /);
        expect(m).toMatch(/a=candidate:.* 127\.0\.0\.1 /);
      }
      expect(await supervisor.emitWithAck('call:monitorAnswer', { monitorId: 'f'.repeat(32), sdp: 'v=0\r\ns=-\r\n' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await supervisor.emitWithAck('call:monitor', { interactionId: '6f1c2a52-1b7e-4b8a-9a38-9a3f1e2d4c5b' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await supervisor.emitWithAck('call:monitorStop', { monitorId })).toMatchObject({ ok: true });
      expect(await supervisor.emitWithAck('call:monitorStop', { monitorId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      // An agent's socket has no such event: agents do not listen to colleagues.
      expect(await (bob.socket.emitWithAck as (event: string, payload: unknown) => Promise<unknown>)('call:monitor', { interactionId })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_EVENT' } });
    } finally {
      supervisor.disconnect();
    }
    expect(await bob.socket.emitWithAck('interaction:end', { interactionId })).toMatchObject({ ok: true });
    await hungUpBothSides();
    // Over: nothing to monitor any more.
    const late: Socket<SupervisorServerToClient, SupervisorClientToServer> = io(`${server.url}/supervisor`, { auth: { token: (await server.login('sam')).token }, transports: ['websocket'], reconnection: false });
    expect(await late.emitWithAck('call:monitor', { interactionId })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    late.disconnect();
    expect(await bob.socket.emitWithAck('interaction:wrapUp', { interactionId, dispositionCode: 'resolved', note: '' })).toMatchObject({ ok: true });
    bob.socket.disconnect();
  });

  it("hangs a call up on both sides when the agent's desktop goes away mid-call, and the call goes to wrap-up", async () => {
    const { agent: alice, offer, hungUpBothSides } = await connectedCall('alice', '13800138007');
    // The browser closes: its socket goes, and with it the audio.
    alice.socket.disconnect();
    await hungUpBothSides();
    await until(async () => (await server.store.interactions.get(offer.interaction.id))?.state === 'wrapUp');
    expect((await server.store.interactions.events(offer.interaction.id)).at(-1)).toMatchObject({ type: 'ended', data: { by: 'agent' } });
    // Back on the desktop, she closes the wrap-up (and is free for the tests after this one).
    const back = await agentOnline('alice');
    expect(await back.socket.emitWithAck('interaction:wrapUp', { interactionId: offer.interaction.id, dispositionCode: 'resolved', note: '' })).toMatchObject({ ok: true });
    back.socket.disconnect();
  });

  it('hangs the call up on both sides when the agent ends it from a desktop without the SIP session (a reload mid-call)', async () => {
    const { agent: bob, offer, hungUpBothSides } = await connectedCall('bob', '13800138008');
    expect(await bob.socket.emitWithAck('interaction:end', { interactionId: offer.interaction.id })).toMatchObject({ ok: true });
    await hungUpBothSides();
    expect((await server.store.interactions.get(offer.interaction.id))?.state).toBe('wrapUp');
    expect(await bob.socket.emitWithAck('interaction:wrapUp', { interactionId: offer.interaction.id, dispositionCode: 'resolved', note: '' })).toMatchObject({ ok: true });
    bob.socket.disconnect();
  });

  /** Where the caller's phone goes after the agent's REFER: the user part of the transfer address the server signed. */
  async function transferAddress(socket: AgentSocket, interactionId: string, to: { agentId: string } | { queueId: string }): Promise<string> {
    const ack = await socket.emitWithAck('voice:transfer', { interactionId, to });
    if (!ack.ok) throw new Error(`transfer refused: ${ack.error.code}`);
    expect(ack.value.referTo).toMatch(new RegExp(`^sip:xfer-[A-Za-z0-9_-]+@${SIP_DOMAIN}$`));
    return /^sip:([^@]+)@/.exec(ack.value.referTo)?.[1] ?? '';
  }

  /** The caller's phone following a REFER: a new call (new Call-ID) to the transfer address, which talks `talkMs` once answered. */
  const follow = async (user: string, caller: string, talkMs = 1500) =>
    t.sipp('caller', ['-m', '1', '-p', String(await freePort()), '-s', user, '-key', 'caller', caller, '-key', 'caller_name', 'Li Lei', '-d', String(talkMs)]);

  it("transfers a call blind to a colleague: the caller's new call rings them, and the old leg is hung up on both sides", async () => {
    const { agent: alice, offer, hungUpBothSides } = await connectedCall('alice', '13800138010');
    const interactionId = offer.interaction.id;
    const bob = await agentOnline('bob');
    const aliceId = (await server.store.users.findByUsername('alice'))?.id ?? '';
    const bobId = (await server.store.users.findByUsername('bob'))?.id ?? '';
    // Checked before anything reaches the caller: only the agent on the call, only targets that can take it.
    expect(await bob.socket.emitWithAck('voice:transfer', { interactionId, to: { agentId: aliceId } })).toMatchObject({ ok: false, error: { code: 'NOT_OWNER' } });
    expect(await alice.socket.emitWithAck('voice:transfer', { interactionId, to: { queueId: 'no-such-queue' } })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await alice.socket.emitWithAck('voice:transfer', { interactionId: '6f1c2a52-1b7e-4b8a-9a38-9a3f1e2d4c5b', to: { agentId: bobId } })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const user = await transferAddress(alice.socket, interactionId, { agentId: bobId });

    const bobOffered = next<Offer>(bob.socket, 'offer:new', 8000);
    const bobPhone = t.sipp('agent-answer', ['-m', '1', '-p', String(bob.phonePort)]);
    const followed = follow(user, '13800138010');
    expect((await bobOffered).interaction).toMatchObject({ id: interactionId, customer: { phone: '13800138010' } });
    await hungUpBothSides();
    expect(await followed).toMatchObject({ code: 0 });
    expect((await bobPhone).code).toBe(0);
    await wrapUpAfterHangUp(bob.socket, interactionId);
    const events = await server.store.interactions.events(interactionId);
    expect(events.map((e) => e.type)).toStrictEqual(['created', 'offered', 'assigned', 'transferred', 'offered', 'assigned', 'ended', 'wrappedUp']);
    expect(events[3]).toMatchObject({ actorId: aliceId, data: { to: { agentId: bobId } } });

    // The address worked once: the same call again is refused cleanly.
    const replay = await follow(user, '13800138010');
    expect(replay.errors).toContain('410 Gone');
    alice.socket.disconnect();
    bob.socket.disconnect();
  });

  // Alice is in her after-call time for the hand-off above (30 s): Tina, a team lead who takes calls too, holds this one.
  it('transfers a call blind to a queue, where the next ready agent gets it; a forged address gets 403', async () => {
    const { agent: tina, offer, hungUpBothSides } = await connectedCall('tina', '13800138011');
    const interactionId = offer.interaction.id;
    const forged = await follow(`xfer-${'A'.repeat(80)}`, '13800138011');
    expect(forged.errors).toContain('403 Forbidden');
    const user = await transferAddress(tina.socket, interactionId, { queueId: 'voice-short' });
    const followed = follow(user, '13800138011');
    await hungUpBothSides();
    await until(async () => (await server.store.interactions.get(interactionId))?.queueId === 'voice-short');
    // Bob signs in later and gets it from the queue.
    const bob = await agentOnline('bob');
    const bobPhone = t.sipp('agent-answer', ['-m', '1', '-p', String(bob.phonePort)]);
    expect(await followed).toMatchObject({ code: 0 });
    expect((await bobPhone).code).toBe(0);
    await wrapUpAfterHangUp(bob.socket, interactionId);
    tina.socket.disconnect();
    bob.socket.disconnect();
  });
});

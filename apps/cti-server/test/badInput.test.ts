import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { LIMITS, type SupervisorClientToServer, type SupervisorServerToClient } from '@omnicc/shared';
import { TokenService } from '../src/features/auth/tokens.js';
import { connected, refused, startTestServer, type AgentSocket, type TestServer } from './support/testServer.js';

/** Each bad input gets a coded error; afterwards the server still serves and nothing was written. */
describe('bad input on sockets and REST', () => {
  let server: TestServer;
  let agent: AgentSocket;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer();
    token = (await server.login('alice')).token;
    agent = server.agent(token);
    await connected(agent);
  });
  afterAll(async () => {
    await server.close();
  });

  const stillHealthy = async () => expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  const raw = (event: string, ...args: unknown[]) =>
    (agent as unknown as { emitWithAck(e: string, ...a: unknown[]): Promise<unknown> }).emitWithAck(event, ...args);

  it('answers an unknown event with UNKNOWN_EVENT', async () => {
    expect(await raw('agent:selfDestruct', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_EVENT' } });
    await stillHealthy();
  });

  it('answers a malformed payload or a wrong type with BAD_REQUEST', async () => {
    expect(await raw('agent:setStatus', { status: 'dancing' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await raw('agent:setStatus', 'ready')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await raw('agent:setStatus', null)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await raw('offer:accept', { offerId: 42 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await raw('chat:send', { interactionId: 'not-a-uuid', clientMessageId: 'x', text: 'hi' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    await stillHealthy();
  });

  it('refuses a not-ready reason that is not in the dictionary', async () => {
    expect(await raw('agent:setStatus', { status: 'notReady', reasonCode: 'nap' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('answers an oversized message with PAYLOAD_TOO_LARGE or BAD_REQUEST, and writes nothing', async () => {
    const chat = await server.startChat();
    const customer = server.customer(chat.customerToken);
    await connected(customer);
    const tooLong = await customer.emitWithAck('chat:send', { clientMessageId: 'cust-big1', text: 'x'.repeat(LIMITS.chatMessageChars + 1) });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const huge = await customer.emitWithAck('chat:send', { clientMessageId: 'cust-big2', text: 'x'.repeat(LIMITS.socketPacketBytes + 10) });
    expect(huge).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(await server.store.messages.list(chat.interactionId)).toEqual([]);
    await stillHealthy();
  });

  it('refuses an expired token with TOKEN_EXPIRED and a forged one with UNAUTHENTICATED', async () => {
    const past = new TokenService('x'.repeat(40), 60, { now: () => Date.now() - 3600_000 });
    const { token: expired } = await past.issue({ id: '00000000-0000-4000-8000-000000000001', role: 'agent', displayName: 'Old' });
    expect((await refused(server.agent(expired))).message).toBe('TOKEN_EXPIRED');
    const forger = new TokenService('y'.repeat(40), 600, { now: () => Date.now() });
    const { token: forged } = await forger.issue({ id: '00000000-0000-4000-8000-000000000001', role: 'admin', displayName: 'Mallory' });
    expect((await refused(server.agent(forged))).message).toBe('UNAUTHENTICATED');
    expect((await refused(server.agent('garbage'))).message).toBe('UNAUTHENTICATED');
    expect((await refused(io(`${server.url}/agent`, { transports: ['websocket'], reconnection: false }))).message).toBe('UNAUTHENTICATED');
    const rest = await fetch(`${server.url}/api/dictionaries`, { headers: { authorization: `Bearer ${expired}` } });
    expect(rest.status).toBe(401);
    expect(await rest.json()).toMatchObject({ error: { code: 'TOKEN_EXPIRED' } });
    await stillHealthy();
  });

  it('checks roles on the server: a supervisor cannot take interactions, an agent cannot watch queues', async () => {
    const sup = await server.login('sam');
    expect((await refused(server.agent(sup.token))).message).toBe('FORBIDDEN');
    const supSocket = io(`${server.url}/supervisor`, { auth: { token: token }, transports: ['websocket'], reconnection: false });
    expect((await refused(supSocket)).message).toBe('FORBIDDEN');
    const ok: Socket<SupervisorServerToClient, SupervisorClientToServer> = io(`${server.url}/supervisor`, { auth: { token: sup.token }, transports: ['websocket'], reconnection: false });
    await connected(ok);
    const snapshot = await ok.emitWithAck('queues:snapshot', {});
    expect(snapshot.ok && snapshot.value.queues.map((q) => q.queueId)).toEqual(['chat-general', 'chat-vip', 'email-general', 'sms-general', 'voice-general']);
    ok.disconnect();
  });

  it("refuses an agent acting on another agent's interaction with NOT_OWNER, leaving it untouched", async () => {
    const bob = server.agent((await server.login('bob')).token);
    await connected(bob);
    await bob.emitWithAck('agent:setStatus', { status: 'ready' });
    const { chat, offer } = await server.offeredChat(bob);
    await bob.emitWithAck('offer:accept', { offerId: offer.offerId });
    for (const [event, payload] of [
      ['chat:send', { interactionId: chat.interactionId, clientMessageId: 'alice-0001', text: 'hijack' }],
      ['interaction:end', { interactionId: chat.interactionId }],
      ['interaction:wrapUp', { interactionId: chat.interactionId, dispositionCode: 'resolved', note: '' }],
      ['chat:read', { interactionId: chat.interactionId, upToMessageId: chat.interactionId }],
    ] as const) {
      expect(await raw(event, payload)).toMatchObject({ ok: false, error: { code: 'NOT_OWNER' } });
    }
    expect((await server.store.interactions.get(chat.interactionId))?.state).toBe('assigned');
    expect(await server.store.messages.list(chat.interactionId)).toEqual([]);
    const transcript = await fetch(`${server.url}/api/interactions/${chat.interactionId}/transcript`, { headers: { authorization: `Bearer ${token}` } });
    expect(transcript.status).toBe(403);
    bob.disconnect();
  });

  it('answers unknown ids with NOT_FOUND', async () => {
    const res = await fetch(`${server.url}/api/interactions/00000000-0000-4000-8000-00000000dead/transcript`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await raw('interaction:end', { interactionId: '00000000-0000-4000-8000-00000000dead' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('answers malformed, oversized and invalid REST bodies with coded errors', async () => {
    const post = (body: string, type = 'application/json') => fetch(`${server.url}/api/chat/sessions`, { method: 'POST', headers: { 'content-type': type }, body });
    let res = await post('{"contact": ');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    res = await post(JSON.stringify({ contact: { name: 'x'.repeat(LIMITS.restBodyBytes) } }));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    res = await post(JSON.stringify({ contact: { name: 'No contact' } }));
    expect(await res.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    res = await post(JSON.stringify({ contact: { name: 'Q', email: 'q@example.com' }, queueId: 'nope' }));
    expect(res.status).toBe(404);
    res = await fetch(`${server.url}/api/nothing-here`);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    await stillHealthy();
  });

  it('refuses a customer socket without a valid chat token', async () => {
    expect((await refused(server.customer('f'.repeat(43)))).message).toBe('UNAUTHENTICATED');
  });
});

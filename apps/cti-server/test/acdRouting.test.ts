import { afterEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { AgentStateView, Offer, StartChatResponse, SupervisorAlert } from '@omnicc/shared';
import type { Store } from '../src/store/Store.js';
import { connected, next, startTestServer, type AgentSocket, type TestServer } from './support/testServer.js';

/** Changes a queue's routing fields before the server starts. */
async function tuneQueue(store: Store, id: string, fields: Record<string, unknown>): Promise<void> {
  const queue = await store.queueConfigs.get(id);
  if (!queue) throw new Error(`no queue ${id}`);
  await store.queueConfigs.update({ ...queue, ...fields });
}

/** Resolves with the first agent:state push that matches. */
function stateWhere(agent: AgentSocket, match: (s: AgentStateView) => boolean, timeoutMs = 8000): Promise<AgentStateView> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching agent:state')), timeoutMs);
    const listener = (s: AgentStateView): void => {
      if (!match(s)) return;
      clearTimeout(timer);
      agent.off('agent:state', listener);
      resolve(s);
    };
    agent.on('agent:state', listener);
  });
}

describe('routing through the ACD core', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.close();
  });

  const startIn = async (queueId: string): Promise<StartChatResponse> => {
    const res = await fetch(`${server.url}/api/chat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ contact: { name: 'Vip', email: 'vip@example.com' }, queueId }) });
    expect(res.status).toBe(201);
    return (await res.json()) as StartChatResponse;
  };
  const routingOf = (id: string, token: string) => fetch(`${server.url}/api/interactions/${id}/routing`, { headers: { authorization: `Bearer ${token}` } });

  it('offers a VIP chat only to the agent with the skill, and explains why to a supervisor and that agent', async () => {
    server = await startTestServer({
      seed: async (store) => {
        await store.skills.create({ code: 'vip', labels: { en: 'VIP', 'zh-CN': 'VIP' } });
        await tuneQueue(store, 'chat-vip', { requiredSkills: [{ skill: 'vip', minLevel: 5 }] });
        const alice = await store.users.findByUsername('alice');
        if (!alice) throw new Error('no alice');
        await store.agents.updateProfile(alice.id, { skills: [{ skill: 'vip', level: 7 }], capacity: { voice: 1, chat: 3, email: 5, sms: 5 } });
      },
    });
    const aliceSession = await server.login('alice');
    const bobSession = await server.login('bob');
    const alice = server.agent(aliceSession.token);
    const bob = server.agent(bobSession.token);
    await Promise.all([connected(alice), connected(bob)]);
    // Bob is ready first and idle longest: only skills keep the chat from him.
    await bob.emitWithAck('agent:setStatus', { status: 'ready' });
    await alice.emitWithAck('agent:setStatus', { status: 'ready' });
    let bobOffered = false;
    bob.on('offer:new', () => (bobOffered = true));
    const toAlice = next<Offer>(alice, 'offer:new');
    const chat = await startIn('chat-vip');
    const offer = await toAlice;
    expect(offer.interaction.id).toBe(chat.interactionId);

    const sam = await server.login('sam');
    const res = await routingOf(chat.interactionId, sam.token);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { offers: { offerId: string; agentId: string; explain: { chosenAgentId: string; mode: string; candidates: { agentId: string }[] } }[] };
    expect(body.offers).toHaveLength(1);
    expect(body.offers[0]).toMatchObject({ offerId: offer.offerId, agentId: aliceSession.user.id, explain: { chosenAgentId: aliceSession.user.id, mode: 'bestAgent' } });
    expect(body.offers[0]?.explain.candidates.map((c) => c.agentId)).toEqual([aliceSession.user.id]);

    // Another agent may not read it; the agent it is assigned to may.
    expect((await routingOf(chat.interactionId, bobSession.token)).status).toBe(403);
    await alice.emitWithAck('offer:accept', { offerId: offer.offerId });
    expect((await routingOf(chat.interactionId, aliceSession.token)).status).toBe(200);
    expect((await routingOf('00000000-0000-4000-8000-00000000dead', sam.token)).status).toBe(404);
    expect(bobOffered).toBe(false);
  });

  it('returns the agent to ready when the wrap-up timer ends, without a wrap-up code', async () => {
    server = await startTestServer({ seed: (store) => tuneQueue(store, 'chat-general', { wrapUpSeconds: 1 }) });
    const alice = server.agent((await server.login('alice')).token);
    await connected(alice);
    await alice.emitWithAck('agent:setStatus', { status: 'ready' });
    const { chat, offer } = await server.offeredChat(alice);
    await alice.emitWithAck('offer:accept', { offerId: offer.offerId });
    const wrapping = stateWhere(alice, (s) => s.status === 'wrapUp');
    await alice.emitWithAck('interaction:end', { interactionId: chat.interactionId });
    await wrapping;
    expect(await stateWhere(alice, (s) => s.status === 'ready', 4000)).toMatchObject({ status: 'ready', chosen: 'ready' });
    // The disposition can still be given after the timer.
    expect(await alice.emitWithAck('interaction:wrapUp', { interactionId: chat.interactionId, dispositionCode: 'resolved', note: '' })).toMatchObject({ ok: true, value: { state: 'closed' } });
  });

  it('sets an agent not ready after missed offers, pushes it to the desktop and alerts supervisors', async () => {
    server = await startTestServer({ seed: (store) => tuneQueue(store, 'chat-general', { offerTimeoutSeconds: 3 }) });
    const alice = server.agent((await server.login('alice')).token);
    const supervisor: Socket = io(`${server.url}/supervisor`, { auth: { token: (await server.login('sam')).token }, transports: ['websocket'], reconnection: false });
    await Promise.all([connected(alice), connected(supervisor)]);
    const alert = next<SupervisorAlert>(supervisor, 'alert', 10_000);
    await alice.emitWithAck('agent:setStatus', { status: 'ready' });
    const missed = stateWhere(alice, (s) => s.status === 'notReady' && s.reasonCode === 'missedOffer');
    // Two offers ring at once (chat capacity 3) and both time out: two misses in a row (the default limit).
    const first = await server.offeredChat(alice);
    const second = await server.offeredChat(alice);
    expect(await missed).toMatchObject({ status: 'notReady', reasonCode: 'missedOffer', chosen: 'notReady', chosenReasonCode: 'missedOffer' });
    await expect.poll(async () => (await server.store.interactions.get(second.chat.interactionId))?.state).toBe('queued');
    expect((await server.store.interactions.get(first.chat.interactionId))?.state).toBe('queued');
    const log = await server.store.agentStatus.latest((await server.login('alice')).user.id);
    expect(log).toMatchObject({ status: 'notReady', reasonCode: 'missedOffer' });
    expect(await alert).toMatchObject({ type: 'agentAutoNotReady', displayName: 'Alice', missedOffers: 2 });
    supervisor.disconnect();
  });
});

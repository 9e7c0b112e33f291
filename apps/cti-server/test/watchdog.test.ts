import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Offer } from '@omnicc/shared';
import type { OfferExplain } from '../src/domain/acd/explain.js';
import type { NewInteraction } from '../src/store/Store.js';
import { connected, next, startTestServer, type TestServer } from './support/testServer.js';

const chat: NewInteraction = { channel: 'chat', queueId: 'chat-general', customer: { name: 'Stuck' } };

/** Polls /metrics until `line` appears (the watchdog runs every second in this test). */
async function metricsLine(server: TestServer, line: RegExp, timeoutMs = 6000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const hit = text.split('\n').find((l) => line.test(l));
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`no metrics line ${String(line)}`);
    await sleep(100);
  }
}

describe('the routing watchdog', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.close();
  });

  it('finds interactions in no queue and with no owner, puts them back in routing, and reports it', async () => {
    server = await startTestServer({ env: { OMNICC_WATCHDOG_SECONDS: '1' } });
    const routing = server.app.owner.routing();
    if (!routing) throw new Error('not the routing owner');
    expect(await routing.audit()).toMatchObject({ coreProblems: [], unrouted: [], ownerless: [], disagreements: [] });

    // Written behind routing's back: a queued one, one ringing at alice, one held by bob (who never logged in).
    const alice = (await server.store.users.findByUsername('alice'))?.id ?? '';
    const bob = (await server.store.users.findByUsername('bob'))?.id ?? '';
    const queued = await server.store.interactions.create(chat, new Date().toISOString());
    const ringing = await server.store.interactions.create(chat, new Date().toISOString());
    const explain: OfferExplain = { queueId: 'chat-general', mode: 'bestAgent', selection: 'longestIdle', priority: { queue: 0, tierBonus: 0, waitedSeconds: 0, effective: 0 }, candidates: [], chosenAgentId: alice, reason: 'onlyCandidate', skippedInCooldown: 0 };
    await server.store.offers.open({ offerId: crypto.randomUUID(), interactionId: ringing.id, agentId: alice, queueId: 'chat-general', offeredAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 20_000).toISOString(), explain });
    const held = await server.store.interactions.create(chat, new Date().toISOString());
    await server.store.interactions.transition(held.id, { from: ['queued'], to: 'assigned', patch: { agentId: bob, assignedAt: new Date().toISOString() } }, { type: 'assigned', at: new Date().toISOString() });

    // The periodic run heals them and says so on /metrics.
    expect(await metricsLine(server, /^omnicc_routing_watchdog_healed_total\{kind="unrouted"\} 2$/)).toBeTruthy();
    expect(await metricsLine(server, /^omnicc_routing_watchdog_healed_total\{kind="ownerless"\} 1$/)).toBeTruthy();
    for (const id of [queued.id, ringing.id, held.id]) expect(routing.whereIs(id)).toMatchObject({ state: 'queued', queueId: 'chat-general' });
    // The channel's own enqueue, coming after the watchdog got there first (a call in its first moments), is no error.
    const healed = await server.store.interactions.get(queued.id);
    if (!healed) throw new Error('lost');
    await expect(routing.enqueue(healed)).resolves.toBeUndefined();
    expect((await server.store.interactions.get(ringing.id))?.state).toBe('queued');
    expect((await server.store.offers.ofInteraction(ringing.id)).map((o) => o.endReason)).toStrictEqual(['recovery']);
    expect(await server.store.interactions.get(held.id)).toMatchObject({ state: 'queued' });
    expect((await server.store.interactions.events(held.id)).at(-1)).toMatchObject({ type: 'requeued', data: { reason: 'agentLost' } });
    expect(await routing.audit()).toMatchObject({ coreProblems: [], unrouted: [], ownerless: [], disagreements: [] });

    // And they are routed like any other: a ready agent is offered them, oldest first.
    const agent = server.agent((await server.login('alice')).token);
    await connected(agent);
    const firstOffer = next<Offer>(agent, 'offer:new');
    await agent.emitWithAck('agent:setStatus', { status: 'ready' });
    expect((await firstOffer).interaction.id).toBe(queued.id);
  });
});

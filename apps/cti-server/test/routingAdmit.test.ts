import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Offer } from '@omnicc/shared';
import type { NewInteraction } from '../src/store/Store.js';
import { connected, next, startTestServer, type AgentSocket, type TestServer } from './support/testServer.js';

const chat = (name: string, channelRef?: string): NewInteraction => ({ channel: 'chat', queueId: 'chat-general', customer: { name }, ...(channelRef ? { channelRef } : {}) });

/** Waits until `check` holds (routing's follow-ups run in decisions of their own). */
async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !check(); await sleep(20)) if (Date.now() > deadline) throw new Error('condition not met in time');
}

describe('routing admits a new interaction with the write of its offer', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.close();
  });

  /** The agent's desktop, set ready; `offer` is the first offer it gets from then on. */
  async function readyAgent(username: string): Promise<{ agent: AgentSocket; offer: Promise<Offer> }> {
    const agent = server.agent((await server.login(username)).token);
    await connected(agent);
    const offer = next<Offer>(agent, 'offer:new');
    offer.catch(() => undefined);
    await agent.emitWithAck('agent:setStatus', { status: 'ready' });
    return { agent, offer };
  }

  it('stores it queued without a free agent, and offered, with both events, to a free one; admitting it again changes nothing', async () => {
    server = await startTestServer();
    const routing = server.app.owner.routing();
    if (!routing) throw new Error('not the routing owner');
    const waiting = crypto.randomUUID();
    const at = new Date().toISOString();
    await expect(routing.admit(chat('Waits'), waiting, at)).resolves.toMatchObject({ id: waiting, state: 'queued', createdAt: at });
    expect(await server.store.interactions.get(waiting)).toMatchObject({ state: 'queued', customer: { name: 'Waits' } });
    expect(routing.whereIs(waiting)).toMatchObject({ state: 'queued' });

    const alice = await readyAgent('alice');
    expect((await alice.offer).interaction.id).toBe(waiting);
    const bob = await readyAgent('bob');
    // Alice may take a second chat: whoever routing picks.
    const offered = Promise.any([next<Offer>(alice.agent, 'offer:new'), bob.offer]);
    const rung = crypto.randomUUID();
    await expect(routing.admit(chat('Rings at once', 'call-1'), rung, at)).resolves.toMatchObject({ id: rung, state: 'queued' });
    // By the time admit resolves, the offer was committed and pushed: the stored row is already offered.
    expect(await server.store.interactions.get(rung)).toMatchObject({ state: 'offered' });
    expect((await offered).interaction).toMatchObject({ id: rung, state: 'offered' });
    expect((await server.store.interactions.events(rung)).map((e) => e.type)).toStrictEqual(['created', 'offered']);
    expect(await server.store.interactions.findByChannelRef('call-1')).toMatchObject({ id: rung });

    await expect(routing.admit(chat('Rings at once', 'call-1'), rung, at)).resolves.toMatchObject({ id: rung });
    expect(await server.store.interactions.events(rung)).toHaveLength(2);
  });

  it('refuses a taken channel reference (CONFLICT), stores nothing, and routing forgets it and goes on', async () => {
    server = await startTestServer();
    const routing = server.app.owner.routing();
    if (!routing) throw new Error('not the routing owner');
    const first = await server.store.interactions.create(chat('First', 'call-7'), new Date().toISOString());
    await routing.enqueue(first);
    expect((await (await readyAgent('alice')).offer).interaction.id).toBe(first.id);

    const bob = await readyAgent('bob');
    const twin = crypto.randomUUID();
    await expect(routing.admit(chat('Twin', 'call-7'), twin, new Date().toISOString())).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await server.store.interactions.get(twin)).toBeUndefined();
    await until(() => routing.whereIs(twin) === undefined);
    // Bob, who may have been chosen for the refused one, gets the next interaction.
    const offered = bob.offer;
    const after = crypto.randomUUID();
    await routing.admit(chat('After'), after, new Date().toISOString());
    expect((await offered).interaction.id).toBe(after);
    expect(await routing.audit()).toMatchObject({ coreProblems: [], unrouted: [], ownerless: [], disagreements: [] });
  });
});

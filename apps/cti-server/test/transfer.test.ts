import { afterEach, describe, expect, it } from 'vitest';
import type { Ack, Interaction, Offer, TransferTargets } from '@omnicc/shared';
import type { Store } from '../src/store/Store.js';
import { connected, next, startTestServer, type AgentSocket, type TestServer } from './support/testServer.js';

/** Alice and Bob are ready; a chat is offered to Alice (ready first, so idle longest) and she accepts it. */
async function aliceHoldsAChat(server: TestServer): Promise<{ alice: AgentSocket; bob: AgentSocket; interactionId: string; bobId: string }> {
  const aliceSession = await server.login('alice');
  const bobSession = await server.login('bob');
  const alice = server.agent(aliceSession.token);
  const bob = server.agent(bobSession.token);
  await Promise.all([connected(alice), connected(bob)]);
  await alice.emitWithAck('agent:setStatus', { status: 'ready' });
  const { offer } = await server.offeredChat(alice);
  await alice.emitWithAck('offer:accept', { offerId: offer.offerId });
  await bob.emitWithAck('agent:setStatus', { status: 'ready' });
  return { alice, bob, interactionId: offer.interaction.id, bobId: bobSession.user.id };
}

/** The VIP queue requires skill `vip` at level 5, which no test agent has. */
async function vipNeedsASkillNobodyHas(store: Store): Promise<void> {
  await store.skills.create({ code: 'vip', labels: { en: 'VIP', 'zh-CN': 'VIP' } });
  const vip = await store.queueConfigs.get('chat-vip');
  if (vip) await store.queueConfigs.update({ ...vip, requiredSkills: [{ skill: 'vip', minLevel: 5 }] });
}

const transfer = (agent: AgentSocket, interactionId: string, to: { agentId: string } | { queueId: string }): Promise<Ack<Interaction>> =>
  agent.emitWithAck('interaction:transfer', { interactionId, to });

describe('transfer', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.close();
  });

  it('hands a chat to another agent: offered to them only, off the sender\'s desk, history kept', async () => {
    server = await startTestServer();
    const { alice, bob, interactionId, bobId } = await aliceHoldsAChat(server);

    const targets: Ack<TransferTargets> = await alice.emitWithAck('transfer:targets', { interactionId });
    expect(targets.ok && targets.value.agents).toEqual([{ agentId: bobId, displayName: 'Bob', status: 'ready', available: true }]);
    expect(targets.ok && targets.value.queues.map((q) => q.queueId)).toEqual(['chat-general', 'chat-vip']);

    const atBob = next<Offer>(bob, 'offer:new');
    const leftAlice = next<Interaction>(alice, 'interaction:updated');
    const ack = await transfer(alice, interactionId, { agentId: bobId });
    expect(ack).toMatchObject({ ok: true, value: { id: interactionId, state: 'offered' } });
    expect(await leftAlice).toMatchObject({ id: interactionId, state: 'queued' });
    const offer = await atBob;
    expect(offer.interaction.id).toBe(interactionId);
    expect(await bob.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: true, value: { agentId: bobId, state: 'assigned' } });

    const events = (await server.store.interactions.events(interactionId)).map((e) => e.type);
    expect(events).toEqual(['created', 'offered', 'assigned', 'transferred', 'offered', 'assigned']);
    // Alice is in her after-call time for the hand-off, not free for new work at once.
    expect((await alice.emitWithAck('agent:snapshot', {})) as Ack<{ status: string }>).toMatchObject({ ok: true, value: { status: 'wrapUp' } });
  });

  it('moves a chat to another queue the agent may see, keeping its place by first arrival', async () => {
    server = await startTestServer();
    const { alice, interactionId } = await aliceHoldsAChat(server);
    const ack = await transfer(alice, interactionId, { queueId: 'chat-vip' });
    expect(ack.ok).toBe(true);
    const stored = await server.store.interactions.get(interactionId);
    expect(stored).toMatchObject({ queueId: 'chat-vip' });
    expect(stored?.agentId).toBeUndefined();
  });

  it('refuses a queue the agent cannot see, an unknown queue and an absent agent, leaving the chat with its agent', async () => {
    server = await startTestServer({ seed: vipNeedsASkillNobodyHas });
    const { alice, interactionId } = await aliceHoldsAChat(server);
    const targets: Ack<TransferTargets> = await alice.emitWithAck('transfer:targets', { interactionId });
    expect(targets.ok && targets.value.queues.map((q) => q.queueId)).toEqual(['chat-general']);

    expect(await transfer(alice, interactionId, { queueId: 'chat-vip' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await transfer(alice, interactionId, { queueId: 'no-such-queue' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await transfer(alice, interactionId, { agentId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await transfer(alice, interactionId, { queueId: 'x'.repeat(40) })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    const stored = await server.store.interactions.get(interactionId);
    expect(stored).toMatchObject({ state: 'assigned', queueId: 'chat-general' });
    expect((await server.store.interactions.events(interactionId)).map((e) => e.type)).not.toContain('transferred');
  });

  it('takes an admin\'s queue change into the running routing at once', async () => {
    server = await startTestServer({ seed: vipNeedsASkillNobodyHas });
    const { alice, interactionId } = await aliceHoldsAChat(server);
    const admin = await server.login('root');
    const vip = await (await fetch(`${server.url}/api/admin/queues/chat-vip`, { headers: { authorization: `Bearer ${admin.token}` } })).json() as Record<string, unknown>;
    const put = await fetch(`${server.url}/api/admin/queues/chat-vip`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...withoutKeys(vip, ['id']), requiredSkills: [] }),
    });
    expect(put.status, await put.clone().text()).toBe(200);
    // No restart: the core now counts Alice as skilled for the VIP queue, so she may transfer there.
    expect(await transfer(alice, interactionId, { queueId: 'chat-vip' })).toMatchObject({ ok: true });
  });
});

const withoutKeys = (o: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

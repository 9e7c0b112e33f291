import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@omnicc/shared';
import type { OfferExplain } from '../../domain/acd/explain.js';
import type { NewInteraction, NewOffer, StoredOffer } from '../../store/Store.js';
import { countRows, offerFor, openTestStore, resetWithChatQueueAndAgent, stopEmbeddedTestCluster, TEST_DB_KINDS, type TestStore } from './testing.js';

afterAll(stopEmbeddedTestCluster);

const T0 = '2025-03-01T08:00:00.000Z';
const T1 = '2025-03-01T08:00:01.500Z';
const T2 = '2025-03-01T08:00:05.250Z';
const T3 = '2025-03-01T08:00:21.500Z';
const chat: NewInteraction = { channel: 'chat', queueId: 'chat-general', customer: { name: 'Li Lei' } };

const explain = (agentId: string): OfferExplain => ({
  queueId: 'chat-general',
  mode: 'sticky',
  selection: 'leastOccupied',
  priority: { queue: 50, tierBonus: 20, waitedSeconds: 1.5, effective: 71.5 },
  candidates: [
    { agentId, skillScore: 3, idleMs: 12_000, loadPercent: 33.3 },
    { agentId: '00000000-0000-4000-8000-000000000001', skillScore: 2, idleMs: 0, loadPercent: 0 },
  ],
  chosenAgentId: agentId,
  reason: 'stickyLastAgent',
  skippedInCooldown: 1,
});

describe.each(TEST_DB_KINDS)('pg store offers (%s)', (kind) => {
  let t: TestStore;
  let agentId: string;
  const count = (table: string): Promise<number> => countRows(t.pool, table);
  const offerOf = (interactionId: string, over: Partial<StoredOffer> = {}): NewOffer => offerFor(agentId, interactionId, { offeredAt: T1, expiresAt: T3 }, { explain: explain(agentId), ...over });

  beforeAll(async () => {
    t = await openTestStore(kind);
  });
  afterAll(() => t.cleanup());
  beforeEach(async () => {
    agentId = await resetWithChatQueueAndAgent(t);
  });

  it('opens an offer: the interaction is offered, the offer row and the event written', async () => {
    const created = await t.store.interactions.create(chat, T0);
    const offer = offerOf(created.id);
    const offered = await t.store.offers.open(offer);
    expect(offered).toStrictEqual({ ...created, state: 'offered' });
    expect(await t.store.interactions.get(created.id)).toStrictEqual(offered);
    expect(await t.store.interactions.events(created.id)).toStrictEqual([
      { type: 'created', at: T0 },
      { type: 'offered', at: T1, data: { offerId: offer.offerId, agentId } },
    ]);
    expect(await t.store.offers.ofInteraction(created.id)).toStrictEqual([offer]);
    expect(await t.store.offers.listOpen()).toStrictEqual([offer]);
  });

  it('ends an offer once; a second end or an unknown offer returns undefined and writes nothing', async () => {
    const created = await t.store.interactions.create(chat, T0);
    const offer = offerOf(created.id);
    await t.store.offers.open(offer);
    const after = await t.store.offers.end(offer.offerId, { reason: 'accepted', at: T2 });
    expect(after).toMatchObject({ id: created.id, state: 'offered' }); // no requeue: the interaction is left alone
    expect(await t.store.offers.ofInteraction(created.id)).toStrictEqual([{ ...offer, endedAt: T2, endReason: 'accepted' }]);
    expect(await t.store.offers.listOpen()).toEqual([]);

    expect(await t.store.offers.end(offer.offerId, { reason: 'timeout', at: T3, requeue: true })).toBeUndefined();
    expect(await t.store.offers.end(crypto.randomUUID(), { reason: 'timeout', at: T3, requeue: true })).toBeUndefined();
    expect(await t.store.offers.end('not-a-uuid', { reason: 'timeout', at: T3 })).toBeUndefined();
    expect(await t.store.offers.ofInteraction(created.id)).toStrictEqual([{ ...offer, endedAt: T2, endReason: 'accepted' }]);
    expect((await t.store.interactions.get(created.id))?.state).toBe('offered');
    expect(await t.store.interactions.events(created.id)).toHaveLength(2);
  });

  it('requeues the interaction with the end when asked', async () => {
    const created = await t.store.interactions.create(chat, T0);
    const offer = offerOf(created.id);
    await t.store.offers.open(offer);
    const requeued = await t.store.offers.end(offer.offerId, { reason: 'rejected', at: T2, requeue: true });
    expect(requeued).toStrictEqual({ ...created, state: 'queued' });
    expect(await t.store.interactions.events(created.id)).toStrictEqual([
      { type: 'created', at: T0 },
      { type: 'offered', at: T1, data: { offerId: offer.offerId, agentId } },
      { type: 'requeued', at: T2, actorId: agentId, data: { offerId: offer.offerId, reason: 'rejected' } },
    ]);
    // Queued again: a new offer can be opened.
    const second = offerOf(created.id, { offeredAt: T3 });
    await t.store.offers.open(second);
    expect(await t.store.offers.ofInteraction(created.id)).toStrictEqual([{ ...offer, endedAt: T2, endReason: 'rejected' }, second]);
  });

  it('ends the offer but leaves an interaction that is no longer offered alone', async () => {
    const created = await t.store.interactions.create(chat, T0);
    const offer = offerOf(created.id);
    await t.store.offers.open(offer);
    const assigned = await t.store.interactions.transition(
      created.id,
      { from: ['offered'], to: 'assigned', patch: { agentId, assignedAt: T2 } },
      { type: 'accepted', at: T2, actorId: agentId },
    );
    expect(await t.store.offers.end(offer.offerId, { reason: 'withdrawn', at: T3, requeue: true })).toStrictEqual(assigned);
    expect(await t.store.offers.ofInteraction(created.id)).toStrictEqual([{ ...offer, endedAt: T3, endReason: 'withdrawn' }]);
    expect(await t.store.interactions.events(created.id)).toHaveLength(3);
  });

  it('refuses to open on an interaction that is not queued, writing nothing', async () => {
    const created = await t.store.interactions.create(chat, T0);
    await t.store.interactions.transition(created.id, { from: ['queued'], to: 'abandoned' }, { type: 'abandoned', at: T1 });
    const before = await t.store.interactions.get(created.id);
    const err = await t.store.offers.open(offerOf(created.id)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'INVALID_STATE' });
    expect(await t.store.interactions.get(created.id)).toStrictEqual(before);
    expect(await t.store.interactions.events(created.id)).toHaveLength(2);
    expect(await count('offers')).toBe(0);
  });

  it('refuses a duplicate offer id with CONFLICT, writing nothing', async () => {
    const a = await t.store.interactions.create(chat, T0);
    const b = await t.store.interactions.create(chat, T0);
    const offer = offerOf(a.id);
    await t.store.offers.open(offer);
    await expect(t.store.offers.open({ ...offer, interactionId: b.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await t.store.interactions.get(b.id))?.state).toBe('queued');
    expect(await t.store.interactions.events(b.id)).toHaveLength(1);
    expect(await count('offers')).toBe(1);
  });

  it('refuses unknown interactions and agents with NOT_FOUND, and a malformed offer id with BAD_REQUEST', async () => {
    for (const interactionId of [crypto.randomUUID(), 'not-a-uuid']) {
      await expect(t.store.offers.open(offerOf(interactionId))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    const created = await t.store.interactions.create(chat, T0);
    for (const other of [crypto.randomUUID(), 'not-a-uuid']) {
      await expect(t.store.offers.open(offerOf(created.id, { agentId: other }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(t.store.offers.open(offerOf(created.id, { offerId: 'o-1' }))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await t.store.interactions.get(created.id))?.state).toBe('queued');
    expect(await count('interaction_events')).toBe(1);
    expect(await count('offers')).toBe(0);
    expect(await t.store.offers.ofInteraction(crypto.randomUUID())).toEqual([]);
    expect(await t.store.offers.ofInteraction('not-a-uuid')).toEqual([]);
  });

  it('lists open offers oldest first and ends them all at recovery', async () => {
    const a = await t.store.interactions.create(chat, T0);
    const b = await t.store.interactions.create(chat, T0);
    const c = await t.store.interactions.create(chat, T0);
    const late = offerOf(a.id, { offeredAt: T3 });
    const early = offerOf(b.id, { offeredAt: T1 });
    const ended = offerOf(c.id, { offeredAt: T0 });
    for (const o of [late, early, ended]) await t.store.offers.open(o);
    await t.store.offers.end(ended.offerId, { reason: 'timeout', at: T2, requeue: true });
    expect(await t.store.offers.listOpen()).toStrictEqual([early, late]);

    expect(await t.store.offers.endAllOpen('recovery', T3)).toBe(2);
    expect(await t.store.offers.listOpen()).toEqual([]);
    expect(await t.store.offers.ofInteraction(b.id)).toStrictEqual([{ ...early, endedAt: T3, endReason: 'recovery' }]);
    expect(await t.store.offers.ofInteraction(c.id)).toStrictEqual([{ ...ended, endedAt: T2, endReason: 'timeout' }]);
    // Interactions are left as they were: recovery requeues them itself.
    expect((await t.store.interactions.get(a.id))?.state).toBe('offered');
    expect(await t.store.offers.endAllOpen('recovery', T3)).toBe(0);
  });

  it('keeps history: an agent with offers cannot be deleted', async () => {
    const created = await t.store.interactions.create(chat, T0);
    await t.store.offers.open(offerOf(created.id));
    await expect(t.store.agents.delete(agentId)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('commits a batch of routing writes in one transaction, in order, with each result', async () => {
    const a = await t.store.interactions.create(chat, T0);
    const b = await t.store.interactions.create(chat, T0);
    const offer = offerOf(a.id);
    const results = await t.store.routingWrites.commit([
      { kind: 'openOffer', offer },
      { kind: 'endOffer', offerId: offer.offerId, end: { reason: 'accepted', at: T2 } },
      { kind: 'transition', interactionId: a.id, change: { from: ['offered'], to: 'assigned', patch: { agentId, assignedAt: T2 } }, event: { type: 'assigned', at: T2 } },
      { kind: 'recordStatus', agentId, status: 'busy', at: T2 },
      { kind: 'transition', interactionId: b.id, change: { from: ['queued'], to: 'abandoned' }, event: { type: 'abandoned', at: T2 } },
    ]);
    expect(results.map((r) => r?.state)).toStrictEqual(['offered', 'offered', 'assigned', undefined, 'abandoned']);
    expect(await t.store.agentStatus.latest(agentId)).toStrictEqual({ status: 'busy', at: T2 });
    expect(await t.store.offers.ofInteraction(a.id)).toMatchObject([{ offerId: offer.offerId, endedAt: T2, endReason: 'accepted' }]);
  });

  it('writes nothing of a batch when one of its writes is refused', async () => {
    const a = await t.store.interactions.create(chat, T0);
    const before = { events: await count('interaction_events'), offers: await count('offers'), status: await count('agent_status_log') };
    const refused = t.store.routingWrites.commit([
      { kind: 'openOffer', offer: offerOf(a.id) },
      { kind: 'recordStatus', agentId, status: 'busy', at: T2 },
      // Still 'offered' within the batch: the transition from 'queued' is refused.
      { kind: 'transition', interactionId: a.id, change: { from: ['queued'], to: 'abandoned' }, event: { type: 'abandoned', at: T2 } },
    ]);
    await expect(refused).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await t.store.interactions.get(a.id)).toStrictEqual(a);
    expect({ events: await count('interaction_events'), offers: await count('offers'), status: await count('agent_status_log') }).toStrictEqual(before);
    await expect(t.store.routingWrites.commit([{ kind: 'recordStatus', agentId: 'nobody', status: 'ready', at: T2 }])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await t.store.routingWrites.commit([])).toStrictEqual([]);
  });
});

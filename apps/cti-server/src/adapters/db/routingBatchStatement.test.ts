import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Fence, NewInteraction, NewOffer, RoutingWrite } from '../../store/Store.js';
import { createDb, type Db } from './db.js';
import { createPgStore } from './pgStore.js';
import { commitAsOneStatement } from './routingBatchStatement.js';
import { countRows, offerFor, openTestStore, resetWithChatQueueAndAgent, stopEmbeddedTestCluster, TEST_DB_KINDS, type TestStore } from './testing.js';

afterAll(stopEmbeddedTestCluster);

const T0 = '2025-03-01T08:00:00.000Z';
const T1 = '2025-03-01T08:00:01.500Z';
const T2 = '2025-03-01T08:00:05.250Z';
const T3 = '2025-03-01T08:00:21.500Z';
const chat: NewInteraction = { channel: 'chat', queueId: 'chat-general', customer: { name: 'Li Lei', phone: '13800138000' } };

describe.each(TEST_DB_KINDS)('routing writes as one statement (%s)', (kind) => {
  let t: TestStore;
  let db: Db;
  let agentId: string;
  let fence: Fence;
  const count = (table: string): Promise<number> => countRows(t.pool, table);
  const offerOf = (interactionId: string, over: Partial<NewOffer> = {}): NewOffer => offerFor(agentId, interactionId, { offeredAt: T1, expiresAt: T3 }, over);
  /** Everything routing writes, to check that a batch given up on left it alone. */
  const snapshot = async () => ({
    interactions: (await t.pool.query('SELECT * FROM interactions ORDER BY id')).rows,
    events: await count('interaction_events'),
    offers: await count('offers'),
    statuses: await count('agent_status_log'),
  });

  beforeAll(async () => {
    t = await openTestStore(kind);
    db = createDb(t.pool);
  });
  afterAll(() => t.cleanup());
  beforeEach(async () => {
    agentId = await resetWithChatQueueAndAgent(t);
    const held = await t.store.leases.acquire('routing', { nodeId: 'a', url: 'http://a' }, 60_000);
    fence = { lease: 'routing', nodeId: 'a', token: held?.token ?? 0 };
  });

  it('writes an offer, a transition with its patch and a status in one statement, with the results of the long way', async () => {
    const a = await t.store.interactions.create(chat, T0);
    const b = await t.store.interactions.create(chat, T0);
    const offer = offerOf(a.id);
    const results = await commitAsOneStatement(
      db,
      [
        { kind: 'openOffer', offer },
        { kind: 'recordStatus', agentId, status: 'busy', at: T1 },
        { kind: 'transition', interactionId: b.id, change: { from: ['queued', 'offered'], to: 'abandoned', patch: { endedAt: T2 } }, event: { type: 'abandoned', at: T2, actorId: agentId, data: { why: 'test' } } },
      ],
      fence,
    );
    const offered = { ...a, state: 'offered' };
    const abandoned = { ...b, state: 'abandoned', endedAt: T2 };
    expect(results).toStrictEqual([offered, undefined, abandoned]);
    expect(await t.store.interactions.get(a.id)).toStrictEqual(offered);
    expect(await t.store.interactions.get(b.id)).toStrictEqual(abandoned);
    expect(await t.store.interactions.events(a.id)).toStrictEqual([
      { type: 'created', at: T0 },
      { type: 'offered', at: T1, data: { offerId: offer.offerId, agentId } },
    ]);
    expect(await t.store.interactions.events(b.id)).toStrictEqual([
      { type: 'created', at: T0 },
      { type: 'abandoned', at: T2, actorId: agentId, data: { why: 'test' } },
    ]);
    expect(await t.store.offers.ofInteraction(a.id)).toStrictEqual([offer]);
    expect(await t.store.agentStatus.latest(agentId)).toStrictEqual({ status: 'busy', at: T1 });
  });

  it('keeps batch order in the event and status ids, and sets and clears patched columns', async () => {
    const a = await t.store.interactions.create(chat, T0);
    const b = await t.store.interactions.create(chat, T0);
    await t.pool.query("UPDATE interactions SET state = 'assigned', agent_id = $1, assigned_at = $2 WHERE id = $3", [agentId, T1, b.id]);
    const results = await commitAsOneStatement(
      db,
      [
        { kind: 'transition', interactionId: b.id, change: { from: ['assigned'], to: 'queued', patch: { agentId: null, assignedAt: null } }, event: { type: 'requeued', at: T2 } },
        { kind: 'recordStatus', agentId, status: 'notReady', reasonCode: 'break', at: T2 },
        { kind: 'recordStatus', agentId, status: 'ready', at: T2 },
        { kind: 'openOffer', offer: offerOf(a.id, { offeredAt: T2 }) },
      ],
      fence,
    );
    expect(results?.map((r) => r?.state)).toStrictEqual(['queued', undefined, undefined, 'offered']);
    expect(results?.[0]).toStrictEqual({ ...b, state: 'queued' });
    const events = await t.pool.query<{ interaction_id: string; type: string }>("SELECT interaction_id, type FROM interaction_events WHERE type <> 'created' ORDER BY id");
    expect(events.rows).toStrictEqual([
      { interaction_id: b.id, type: 'requeued' },
      { interaction_id: a.id, type: 'offered' },
    ]);
    // Two statuses at the same instant: the later in the batch is the latest.
    expect(await t.store.agentStatus.latest(agentId)).toStrictEqual({ status: 'ready', at: T2 });
  });

  it('gives up, writing nothing, when a write is refused, the fence is stale, or the agent or offer id conflicts', async () => {
    const a = await t.store.interactions.create(chat, T0);
    const b = await t.store.interactions.create(chat, T0);
    const taken = offerOf(b.id);
    await t.store.offers.open(taken);
    const before = await snapshot();
    const status: RoutingWrite = { kind: 'recordStatus', agentId, status: 'busy', at: T1 };
    // b is offered already: its offer is refused, after the status and a's offer were written in the statement.
    expect(await commitAsOneStatement(db, [{ kind: 'openOffer', offer: offerOf(a.id) }, status, { kind: 'openOffer', offer: offerOf(b.id) }], fence)).toBeUndefined();
    expect(await commitAsOneStatement(db, [status, { kind: 'openOffer', offer: offerOf(a.id) }], { ...fence, token: fence.token + 1 })).toBeUndefined();
    expect(await commitAsOneStatement(db, [status], { ...fence, nodeId: 'b' })).toBeUndefined();
    expect(await commitAsOneStatement(db, [{ kind: 'openOffer', offer: offerOf(a.id, { agentId: crypto.randomUUID() }) }], fence)).toBeUndefined();
    expect(await commitAsOneStatement(db, [{ kind: 'openOffer', offer: offerOf(a.id, { offerId: taken.offerId }) }], fence)).toBeUndefined();
    expect(await commitAsOneStatement(db, [{ kind: 'recordStatus', agentId: crypto.randomUUID(), status: 'ready', at: T1 }], fence)).toBeUndefined();
    // The offer is b's, the batch says a's.
    expect(await commitAsOneStatement(db, [status, { kind: 'endOffer', offerId: taken.offerId, interactionId: a.id, end: { reason: 'accepted', at: T2 } }], fence)).toBeUndefined();
    expect(await snapshot()).toStrictEqual(before);
  });

  it('inserts a new interaction offered at once, with its created and offered events, answering the create as queued', async () => {
    const id = crypto.randomUUID();
    const offer = offerOf(id);
    const voice: NewInteraction = { channel: 'voice', queueId: 'chat-general', customer: { name: 'Caller', phone: '13800138000' }, channelRef: 'call-1@host' };
    const results = await commitAsOneStatement(
      db,
      [{ kind: 'createInteraction', id, interaction: voice, at: T0 }, { kind: 'openOffer', offer }, { kind: 'recordStatus', agentId, status: 'busy', at: T1 }],
      fence,
    );
    const created = { id, channel: 'voice', state: 'queued', queueId: 'chat-general', customer: { name: 'Caller', phone: '13800138000' }, createdAt: T0 };
    expect(results).toStrictEqual([created, { ...created, state: 'offered' }, undefined]);
    expect(await t.store.interactions.findByChannelRef('call-1@host')).toStrictEqual({ ...created, state: 'offered' });
    expect(await t.store.interactions.events(id)).toStrictEqual([
      { type: 'created', at: T0 },
      { type: 'offered', at: T1, data: { offerId: offer.offerId, agentId } },
    ]);
    expect(await t.store.offers.ofInteraction(id)).toStrictEqual([offer]);
    // Alone (nobody free), and an agent's own call, whose created event says outbound.
    const own = crypto.randomUUID();
    expect(await commitAsOneStatement(db, [{ kind: 'createInteraction', id: own, interaction: { ...chat, outbound: true }, at: T2 }], fence)).toMatchObject([{ id: own, state: 'queued', createdAt: T2 }]);
    expect(await t.store.interactions.events(own)).toStrictEqual([{ type: 'created', at: T2, data: { direction: 'outbound' } }]);
  });

  it('gives up on a new interaction whose channel reference, id or queue is wrong; the long way says CONFLICT or NOT_FOUND', async () => {
    const taken = await t.store.interactions.create({ ...chat, channelRef: 'call-2@host' }, T0);
    const before = await snapshot();
    const create = (over: Partial<Extract<RoutingWrite, { kind: 'createInteraction' }>> = {}): RoutingWrite => ({ kind: 'createInteraction', id: crypto.randomUUID(), interaction: { ...chat, channelRef: 'call-3@host' }, at: T1, ...over });
    const status: RoutingWrite = { kind: 'recordStatus', agentId, status: 'busy', at: T1 };
    expect(await commitAsOneStatement(db, [create({ interaction: { ...chat, channelRef: 'call-2@host' } }), status], fence)).toBeUndefined();
    expect(await commitAsOneStatement(db, [create({ id: taken.id }), status], fence)).toBeUndefined();
    expect(await commitAsOneStatement(db, [create({ interaction: { ...chat, queueId: 'no-such-queue' } })], fence)).toBeUndefined();
    expect(await snapshot()).toStrictEqual(before);
    await expect(t.store.routingWrites.commit([create({ interaction: { ...chat, channelRef: 'call-2@host' } })])).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(t.store.routingWrites.commit([create({ interaction: { ...chat, queueId: 'no-such-queue' } })])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // And the long way writes what this path leaves to it: a new interaction changed twice in one batch.
    const id = crypto.randomUUID();
    const offer = offerOf(id);
    expect(await commitAsOneStatement(db, [create({ id }), { kind: 'openOffer', offer }, { kind: 'endOffer', offerId: offer.offerId, end: { reason: 'timeout', at: T2, requeue: true } }], fence)).toBeUndefined();
    const results = await t.store.routingWrites.commit([create({ id }), { kind: 'openOffer', offer }, { kind: 'endOffer', offerId: offer.offerId, end: { reason: 'timeout', at: T2, requeue: true } }]);
    expect(results.map((r) => r?.state)).toStrictEqual(['queued', 'offered', 'queued']);
  });

  it('ends an accepted offer and assigns its interaction in one statement; the end answers with the row it found', async () => {
    const a = await t.store.interactions.create(chat, T0);
    const offer = offerOf(a.id);
    const offered = await t.store.offers.open(offer);
    const spent = offerOf(a.id, { offeredAt: T0 });
    await t.pool.query('INSERT INTO offers (id, interaction_id, agent_id, queue_id, offered_at, expires_at, ended_at, end_reason, explain) VALUES ($1, $2, $3, $4, $5, $6, $5, $7, $8)', [spent.offerId, a.id, agentId, 'chat-general', T0, T3, 'timeout', JSON.stringify(spent.explain)]);
    const results = await commitAsOneStatement(
      db,
      [
        { kind: 'endOffer', offerId: offer.offerId, interactionId: a.id, end: { reason: 'accepted', at: T2 } },
        // Ended already: nothing to do, and no refusal.
        { kind: 'endOffer', offerId: spent.offerId, interactionId: a.id, end: { reason: 'abandoned', at: T2 } },
        { kind: 'transition', interactionId: a.id, change: { from: ['offered'], to: 'assigned', patch: { agentId, assignedAt: T2 } }, event: { type: 'assigned', at: T2, actorId: agentId, data: { offerId: offer.offerId } } },
        { kind: 'recordStatus', agentId, status: 'busy', at: T2 },
      ],
      fence,
    );
    const assigned = { ...offered, state: 'assigned', agentId, assignedAt: T2 };
    expect(results).toStrictEqual([offered, undefined, assigned, undefined]);
    expect(await t.store.interactions.get(a.id)).toStrictEqual(assigned);
    expect(await t.store.offers.ofInteraction(a.id)).toStrictEqual([
      { ...spent, offeredAt: T0, endedAt: T0, endReason: 'timeout' },
      { ...offer, endedAt: T2, endReason: 'accepted' },
    ]);
    expect((await t.store.interactions.events(a.id)).map((e) => e.type)).toStrictEqual(['created', 'offered', 'assigned']);
  });

  it('leaves to the long way what one statement cannot do: an offer end, one interaction twice, malformed ids', async () => {
    const a = await t.store.interactions.create(chat, T0);
    const offer = offerOf(a.id);
    const before = await snapshot();
    const end: RoutingWrite = { kind: 'endOffer', offerId: offer.offerId, interactionId: a.id, end: { reason: 'timeout', at: T2, requeue: true } };
    const abandon: RoutingWrite = { kind: 'transition', interactionId: a.id, change: { from: ['offered'], to: 'abandoned' }, event: { type: 'abandoned', at: T2 } };
    const accepted = { kind: 'endOffer', offerId: offer.offerId, interactionId: a.id, end: { reason: 'accepted', at: T2 } } as const;
    expect(await commitAsOneStatement(db, [{ kind: 'openOffer', offer }, end], fence)).toBeUndefined();
    expect(await commitAsOneStatement(db, [{ kind: 'openOffer', offer }, abandon], fence)).toBeUndefined();
    // An end after a change of its interaction would read the row before it; one whose interaction is not named cannot be checked.
    expect(await commitAsOneStatement(db, [{ kind: 'openOffer', offer }, accepted], fence)).toBeUndefined();
    expect(await commitAsOneStatement(db, [{ kind: 'endOffer', offerId: offer.offerId, end: { reason: 'accepted', at: T2 } }], fence)).toBeUndefined();
    expect(await commitAsOneStatement(db, [{ kind: 'recordStatus', agentId: 'nobody', status: 'ready', at: T1 }], fence)).toBeUndefined();
    expect(await snapshot()).toStrictEqual(before);
  });

  it('through the fenced store: the batch commits in one statement, a refusal and a stale fence say why as before', async () => {
    let current: Fence | undefined = fence;
    const fenced = createPgStore(t.pool, { fence: () => current });
    const a = await t.store.interactions.create(chat, T0);
    const b = await t.store.interactions.create(chat, T0);
    const results = await fenced.routingWrites.commit([{ kind: 'openOffer', offer: offerOf(a.id) }, { kind: 'recordStatus', agentId, status: 'busy', at: T1 }]);
    expect(results.map((r) => r?.state)).toStrictEqual(['offered', undefined]);
    await expect(fenced.routingWrites.commit([{ kind: 'openOffer', offer: offerOf(a.id) }])).rejects.toMatchObject({ code: 'INVALID_STATE' });
    current = { ...fence, token: fence.token + 1 };
    await expect(fenced.routingWrites.commit([{ kind: 'openOffer', offer: offerOf(b.id) }])).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    current = undefined;
    await expect(fenced.routingWrites.commit([{ kind: 'recordStatus', agentId, status: 'ready', at: T2 }])).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect((await t.store.interactions.get(b.id))?.state).toBe('queued');
    expect(await t.store.agentStatus.latest(agentId)).toStrictEqual({ status: 'busy', at: T1 });
  });
});

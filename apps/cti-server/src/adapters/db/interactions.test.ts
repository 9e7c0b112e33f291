import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError, interactionSchema } from '@omnicc/shared';
import type { NewInteraction } from '../../store/Store.js';
import { openTestStore, resetWithChatQueueAndAgent, stopEmbeddedTestCluster, TEST_DB_KINDS, type TestStore } from './testing.js';

afterAll(stopEmbeddedTestCluster);

const T0 = '2025-03-01T08:00:00.000Z';
const T1 = '2025-03-01T08:00:01.500Z';
const T2 = '2025-03-01T08:05:00.250Z';
const chat: NewInteraction = { channel: 'chat', queueId: 'chat-general', customer: { name: 'Li Lei', phone: '+8613800138000' } };

describe.each(TEST_DB_KINDS)('pg store interactions (%s)', (kind) => {
  let t: TestStore;
  let agentId: string;
  const eventCount = async (): Promise<number> => Number((await t.pool.query<{ n: string }>('SELECT count(*) AS n FROM interaction_events')).rows[0]?.n);

  // One database per kind, emptied before each test.
  beforeAll(async () => {
    t = await openTestStore(kind);
  });
  afterAll(() => t.cleanup());
  beforeEach(async () => {
    agentId = await resetWithChatQueueAndAgent(t);
  });

  it('creates a queued interaction with its created event; absent fields stay absent', async () => {
    const created = await t.store.interactions.create({ ...chat, customerTokenHash: 'a'.repeat(64) }, T0);
    expect(created).toStrictEqual({
      id: created.id,
      channel: 'chat',
      state: 'queued',
      queueId: 'chat-general',
      customer: { name: 'Li Lei', phone: '+8613800138000' },
      createdAt: T0,
    });
    expect(interactionSchema.parse(created)).toStrictEqual(created);
    expect(await t.store.interactions.get(created.id)).toStrictEqual(created);
    expect(await t.store.interactions.findByCustomerTokenHash('a'.repeat(64))).toStrictEqual(created);
    expect(await t.store.interactions.findByCustomerTokenHash('b'.repeat(64))).toBeUndefined();
    expect(await t.store.interactions.events(created.id)).toStrictEqual([{ type: 'created', at: T0 }]);
  });

  it("marks an agent's own call outbound in its created event (written in the same statement as the row)", async () => {
    const call = await t.store.interactions.create({ ...chat, channel: 'voice', channelRef: 'out-1@desk', outbound: true }, T0);
    expect(await t.store.interactions.events(call.id)).toStrictEqual([{ type: 'created', at: T0, data: { direction: 'outbound' } }]);
  });

  it('refuses an unknown queue and a reused customer token', async () => {
    await expect(t.store.interactions.create({ ...chat, queueId: 'nope' }, T0)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await t.store.interactions.create({ ...chat, customerTokenHash: 'c'.repeat(64) }, T0);
    await expect(t.store.interactions.create({ ...chat, customerTokenHash: 'c'.repeat(64) }, T1)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await eventCount()).toBe(1); // the failed creates left no event behind
  });

  it('finds a call by its channel reference, which is unique', async () => {
    const call = await t.store.interactions.create({ ...chat, channel: 'voice', channelRef: 'a84b4c76e66710@pc33.example.com' }, T0);
    expect(await t.store.interactions.findByChannelRef('a84b4c76e66710@pc33.example.com')).toStrictEqual(call);
    expect(await t.store.interactions.findByChannelRef('unknown@example.com')).toBeUndefined();
    await expect(t.store.interactions.create({ ...chat, channel: 'voice', channelRef: 'a84b4c76e66710@pc33.example.com' }, T1)).rejects.toMatchObject({ code: 'CONFLICT' });
    // A transfer brings the caller back on a new Call-ID: the interaction follows it.
    await t.store.interactions.moveChannelRef(call.id, 'b2-transferred@pc33.example.com');
    expect(await t.store.interactions.channelRefOf(call.id)).toBe('b2-transferred@pc33.example.com');
    expect((await t.store.interactions.findByChannelRef('b2-transferred@pc33.example.com'))?.id).toBe(call.id);
    expect(await t.store.interactions.findByChannelRef('a84b4c76e66710@pc33.example.com')).toBeUndefined();
    const other = await t.store.interactions.create({ ...chat, channel: 'voice', channelRef: 'other@pc33.example.com' }, T1);
    await expect(t.store.interactions.moveChannelRef(other.id, 'b2-transferred@pc33.example.com')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(t.store.interactions.moveChannelRef('00000000-0000-4000-8000-000000000000', 'x@y')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('returns undefined for unknown and malformed ids', async () => {
    expect(await t.store.interactions.get(crypto.randomUUID())).toBeUndefined();
    expect(await t.store.interactions.get('42')).toBeUndefined();
    expect(await t.store.interactions.events('42')).toEqual([]);
  });

  it('moves through allowed transitions, applying patches and appending events', async () => {
    const { id } = await t.store.interactions.create(chat, T0);
    await t.store.interactions.transition(id, { from: ['queued'], to: 'offered' }, { type: 'offered', at: T1, data: { agentId } });
    const assigned = await t.store.interactions.transition(
      id,
      { from: ['offered'], to: 'assigned', patch: { agentId, assignedAt: T1 } },
      { type: 'accepted', at: T1, actorId: agentId },
    );
    expect(assigned).toMatchObject({ state: 'assigned', agentId, assignedAt: T1 });
    const closed = await t.store.interactions.transition(
      id,
      { from: ['assigned', 'wrapUp'], to: 'closed', patch: { endedAt: T2, dispositionCode: 'resolved', wrapUpNote: '已处理' } },
      { type: 'closed', at: T2, actorId: agentId, data: { nested: { ok: true }, list: [1, 2] } },
    );
    expect(closed).toStrictEqual({
      id,
      channel: 'chat',
      state: 'closed',
      queueId: 'chat-general',
      customer: { name: 'Li Lei', phone: '+8613800138000' },
      agentId,
      createdAt: T0,
      assignedAt: T1,
      endedAt: T2,
      dispositionCode: 'resolved',
      wrapUpNote: '已处理',
    });
    expect(await t.store.interactions.get(id)).toStrictEqual(closed);
    expect(await t.store.interactions.events(id)).toStrictEqual([
      { type: 'created', at: T0 },
      { type: 'offered', at: T1, data: { agentId } },
      { type: 'accepted', at: T1, actorId: agentId },
      { type: 'closed', at: T2, actorId: agentId, data: { nested: { ok: true }, list: [1, 2] } },
    ]);
  });

  it('lists the events of interactions created since a time, in log order, with their interaction and queue', async () => {
    const old = await t.store.interactions.create(chat, T0);
    const a = await t.store.interactions.create(chat, T1);
    const b = await t.store.interactions.create(chat, T1);
    await t.store.interactions.transition(old.id, { from: ['queued'], to: 'abandoned' }, { type: 'abandoned', at: T2 });
    await t.store.interactions.transition(b.id, { from: ['queued'], to: 'offered' }, { type: 'offered', at: T2, data: { agentId } });
    await t.store.interactions.transition(a.id, { from: ['queued'], to: 'abandoned' }, { type: 'abandoned', at: T1 });
    expect(await t.store.interactions.eventsSince(T1)).toStrictEqual([
      { interactionId: a.id, queueId: 'chat-general', type: 'created', at: T1 },
      { interactionId: b.id, queueId: 'chat-general', type: 'created', at: T1 },
      { interactionId: b.id, queueId: 'chat-general', type: 'offered', at: T2, data: { agentId } },
      { interactionId: a.id, queueId: 'chat-general', type: 'abandoned', at: T1 },
    ]);
    expect(await t.store.interactions.eventsSince(T2)).toEqual([]);
  });

  it('clears fields patched with null', async () => {
    const { id } = await t.store.interactions.create(chat, T0);
    await t.store.interactions.transition(id, { from: ['queued'], to: 'assigned', patch: { agentId, assignedAt: T1 } }, { type: 'accepted', at: T1 });
    const requeued = await t.store.interactions.transition(
      id,
      { from: ['assigned'], to: 'queued', patch: { agentId: null, assignedAt: null } },
      { type: 'requeued', at: T2 },
    );
    expect(requeued).not.toHaveProperty('agentId');
    expect(requeued).not.toHaveProperty('assignedAt');
    expect(requeued.state).toBe('queued');
  });

  it('rejects a transition from the wrong state and writes nothing', async () => {
    const { id } = await t.store.interactions.create(chat, T0);
    const before = await t.store.interactions.get(id);
    const err = await t.store.interactions
      .transition(id, { from: ['offered'], to: 'assigned', patch: { agentId, assignedAt: T1 } }, { type: 'accepted', at: T1 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'INVALID_STATE' });
    expect(await t.store.interactions.get(id)).toStrictEqual(before);
    expect(await t.store.interactions.events(id)).toHaveLength(1);
  });

  it('rejects unknown ids and unknown agents with NOT_FOUND and writes nothing', async () => {
    for (const id of [crypto.randomUUID(), 'not-a-uuid']) {
      await expect(t.store.interactions.transition(id, { from: ['queued'], to: 'offered' }, { type: 'offered', at: T1 })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    }
    const { id } = await t.store.interactions.create(chat, T0);
    await expect(
      t.store.interactions.transition(id, { from: ['queued'], to: 'assigned', patch: { agentId: crypto.randomUUID() } }, { type: 'accepted', at: T1 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await t.store.interactions.get(id))?.state).toBe('queued');
    expect(await eventCount()).toBe(1);
  });

  it('lets exactly one of several racing transitions win', async () => {
    const { id } = await t.store.interactions.create(chat, T0);
    const race = await Promise.allSettled(
      [1, 2, 3, 4].map((n) => t.store.interactions.transition(id, { from: ['queued'], to: 'offered' }, { type: 'offered', at: T1, data: { n } })),
    );
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of race) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'INVALID_STATE' });
    expect(await t.store.interactions.events(id)).toHaveLength(2);
  });

  it('lists open interactions oldest first', async () => {
    const late = await t.store.interactions.create(chat, T2);
    const early = await t.store.interactions.create({ ...chat, channel: 'sms' }, T0);
    const done = await t.store.interactions.create(chat, T1);
    const gone = await t.store.interactions.create(chat, T1);
    await t.store.interactions.transition(done.id, { from: ['queued'], to: 'closed', patch: { endedAt: T2 } }, { type: 'closed', at: T2 });
    await t.store.interactions.transition(gone.id, { from: ['queued'], to: 'abandoned' }, { type: 'abandoned', at: T2 });
    const wrap = await t.store.interactions.transition(
      late.id,
      { from: ['queued'], to: 'wrapUp', patch: { agentId } },
      { type: 'wrapUp', at: T2 },
    );
    expect(await t.store.interactions.listOpen()).toStrictEqual([early, wrap]);
  });

  it('lists what an agent holds (assigned and in wrap-up), oldest first, and nothing for unknown ids', async () => {
    const [first, second, offered, closed] = [
      await t.store.interactions.create(chat, T0),
      await t.store.interactions.create(chat, T1),
      await t.store.interactions.create(chat, T1),
      await t.store.interactions.create(chat, T2),
    ];
    const hold = (id: string, to: 'assigned' | 'wrapUp' | 'closed') => t.store.interactions.transition(id, { from: ['queued'], to, patch: { agentId } }, { type: to, at: T2 });
    const wrapping = await hold(first.id, 'wrapUp');
    const assigned = await hold(second.id, 'assigned');
    await t.store.interactions.transition(offered.id, { from: ['queued'], to: 'offered' }, { type: 'offered', at: T2 });
    await hold(closed.id, 'closed');
    expect(await t.store.interactions.heldBy(agentId)).toStrictEqual([wrapping, assigned]);
    expect(await t.store.interactions.heldBy('00000000-0000-4000-8000-000000000000')).toStrictEqual([]);
    expect(await t.store.interactions.heldBy('not-a-uuid')).toStrictEqual([]);
  });
});

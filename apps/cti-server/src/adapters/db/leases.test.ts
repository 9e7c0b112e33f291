import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@omnicc/shared';
import type { Fence, NewInteraction, Store } from '../../store/Store.js';
import { createPgStore } from './pgStore.js';
import { countRows, onlyCandidate, openTestStore, stopEmbeddedTestCluster, TEST_DB_KINDS, truncateAll, type TestStore } from './testing.js';

afterAll(stopEmbeddedTestCluster);

const LEASE = 'routing';
const A = { nodeId: 'node-a', url: 'http://a:3000' };
const B = { nodeId: 'node-b', url: 'http://b:3000' };
/** Short enough to wait past; the tests wait SHORT_WAIT after it, never assert timings. */
const SHORT_TTL = 200;
const pastShortTtl = () => sleep(SHORT_TTL + 150);
const LONG_TTL = 60_000;

const T0 = '2025-03-01T08:00:00.000Z';
const T1 = '2025-03-01T08:00:01.500Z';
const chat: NewInteraction = { channel: 'chat', queueId: 'chat-general', customer: { name: 'Li Lei' } };

describe.each(TEST_DB_KINDS)('pg store leases (%s)', (kind) => {
  let t: TestStore;

  beforeAll(async () => {
    t = await openTestStore(kind);
  });
  afterAll(() => t.cleanup());
  beforeEach(() => truncateAll(t.pool));

  it('acquires a free lease with token 1 and reports it as current', async () => {
    expect(await t.store.leases.current(LEASE)).toBeUndefined();
    const held = await t.store.leases.acquire(LEASE, A, LONG_TTL);
    expect(held).toStrictEqual({ name: LEASE, nodeId: A.nodeId, url: A.url, token: 1, expiresAt: expect.any(String) as string });
    expect(Date.parse(held?.expiresAt ?? '')).toBeGreaterThan(Date.now() + LONG_TTL / 2);
    expect(await t.store.leases.current(LEASE)).toStrictEqual(held);
    expect(await t.store.leases.current('other')).toBeUndefined();
  });

  it('refuses a live lease to another node, and re-acquires for the holder without a new token', async () => {
    await t.store.leases.acquire(LEASE, A, LONG_TTL);
    expect(await t.store.leases.acquire(LEASE, B, LONG_TTL)).toBeUndefined();
    const again = await t.store.leases.acquire(LEASE, { ...A, url: 'http://a2:3000' }, LONG_TTL);
    expect(again).toMatchObject({ nodeId: A.nodeId, url: 'http://a2:3000', token: 1 });
    expect(await t.store.leases.current(LEASE)).toMatchObject({ nodeId: A.nodeId, token: 1 });
  });

  it('lets another node take an expired lease with the next token; the old holder cannot renew or release it', async () => {
    const a = await t.store.leases.acquire(LEASE, A, SHORT_TTL);
    await pastShortTtl();
    expect(await t.store.leases.current(LEASE)).toBeUndefined();
    const b = await t.store.leases.acquire(LEASE, B, LONG_TTL);
    expect(b).toMatchObject({ nodeId: B.nodeId, url: B.url, token: 2 });
    expect(await t.store.leases.renew(LEASE, A.nodeId, a?.token ?? 0, LONG_TTL)).toBe(false);
    await t.store.leases.release(LEASE, A.nodeId, a?.token ?? 0);
    expect(await t.store.leases.current(LEASE)).toStrictEqual(b);
  });

  it('bumps the token when the same node takes its own lease back after expiry', async () => {
    await t.store.leases.acquire(LEASE, A, SHORT_TTL);
    await pastShortTtl();
    expect(await t.store.leases.acquire(LEASE, A, LONG_TTL)).toMatchObject({ nodeId: A.nodeId, token: 2 });
  });

  it('renews only with the current token while live', async () => {
    const a = await t.store.leases.acquire(LEASE, A, SHORT_TTL);
    expect(await t.store.leases.renew(LEASE, A.nodeId, 99, LONG_TTL)).toBe(false);
    expect(await t.store.leases.renew(LEASE, B.nodeId, 1, LONG_TTL)).toBe(false);
    expect(await t.store.leases.renew('other', A.nodeId, 1, LONG_TTL)).toBe(false);
    expect(await t.store.leases.renew(LEASE, A.nodeId, a?.token ?? 0, LONG_TTL)).toBe(true);
    await pastShortTtl(); // past the first TTL: the renewal holds it
    expect(await t.store.leases.current(LEASE)).toMatchObject({ nodeId: A.nodeId, token: 1 });

    const b = await t.store.leases.acquire('short', B, SHORT_TTL);
    await pastShortTtl();
    expect(await t.store.leases.renew('short', B.nodeId, b?.token ?? 0, LONG_TTL)).toBe(false); // expired = lost
  });

  it('releases at once, only with the current token; the next holder gets a new token', async () => {
    const a = await t.store.leases.acquire(LEASE, A, LONG_TTL);
    await t.store.leases.release(LEASE, A.nodeId, 7);
    await t.store.leases.release(LEASE, B.nodeId, 1);
    expect(await t.store.leases.current(LEASE)).toMatchObject({ nodeId: A.nodeId });
    await t.store.leases.release(LEASE, A.nodeId, a?.token ?? 0);
    expect(await t.store.leases.current(LEASE)).toBeUndefined();
    expect(await t.store.leases.renew(LEASE, A.nodeId, a?.token ?? 0, LONG_TTL)).toBe(false);
    expect(await t.store.leases.acquire(LEASE, B, LONG_TTL)).toMatchObject({ nodeId: B.nodeId, token: 2 });
  });

  it('gives a free lease to exactly one of several racing nodes', async () => {
    for (const name of ['race-new', 'race-expired']) {
      if (name === 'race-expired') {
        await t.store.leases.acquire(name, { nodeId: 'old', url: 'http://old' }, SHORT_TTL);
        await pastShortTtl();
      }
      const nodes = [1, 2, 3, 4, 5].map((n) => ({ nodeId: `node-${n}`, url: `http://n${n}` }));
      const results = await Promise.all(nodes.map((n) => t.store.leases.acquire(name, n, LONG_TTL)));
      const winners = results.filter((r) => r !== undefined);
      expect(winners).toHaveLength(1);
      expect(await t.store.leases.current(name)).toStrictEqual(winners[0]);
      expect(winners[0]?.token).toBe(name === 'race-new' ? 1 : 2);
    }
  });
});

describe.each(TEST_DB_KINDS)('pg store fenced writes (%s)', (kind) => {
  let t: TestStore;
  let fenced: Store;
  let fence: Fence | undefined;
  let agentId: string;

  beforeAll(async () => {
    t = await openTestStore(kind);
    // Shares the test pool; not closed itself (t.cleanup ends the pool).
    fenced = createPgStore(t.pool, { fence: () => fence });
  });
  afterAll(() => t.cleanup());
  beforeEach(async () => {
    await truncateAll(t.pool);
    await t.store.queues.upsert({ id: 'chat-general', channel: 'chat', nameEn: 'General', nameZh: '综合' });
    ({ id: agentId } = await t.store.users.upsert({ username: 'alice', displayName: 'Alice', role: 'agent', passwordHash: 'h' }));
    fence = undefined;
  });

  const count = (table: string): Promise<number> => countRows(t.pool, table);
  const offer = (interactionId: string, offerId = crypto.randomUUID()) => ({
    offerId,
    interactionId,
    agentId,
    queueId: 'chat-general',
    offeredAt: T1,
    expiresAt: '2025-03-01T08:00:21.500Z',
    explain: onlyCandidate(agentId),
  });
  const unavailable = { code: 'UNAVAILABLE', message: 'routing lease lost' };

  /** Every routing write of the fenced store, on a fresh queued interaction, offer and agent. */
  async function everyFencedWrite(): Promise<(() => Promise<unknown>)[]> {
    const queued = await t.store.interactions.create(chat, T0);
    const toOffer = await t.store.interactions.create(chat, T0);
    const offered = await t.store.interactions.create(chat, T0);
    const open = offer(offered.id);
    await t.store.offers.open(open);
    return [
      () => fenced.interactions.transition(queued.id, { from: ['queued'], to: 'abandoned' }, { type: 'abandoned', at: T1 }),
      () => fenced.offers.open(offer(toOffer.id)),
      () => fenced.offers.end(open.offerId, { reason: 'timeout', at: T1, requeue: true }),
      () => fenced.offers.endAllOpen('recovery', T1),
      () => fenced.agentStatus.record(agentId, 'ready', undefined, T1),
    ];
  }

  /** The rows routing writes, to check a refused write left them alone. */
  const snapshot = async () => ({
    interactions: (await t.pool.query('SELECT * FROM interactions ORDER BY id')).rows,
    events: await count('interaction_events'),
    offers: (await t.pool.query('SELECT * FROM offers ORDER BY id')).rows,
    statuses: await count('agent_status_log'),
  });

  it('writes while the fence holds the live lease', async () => {
    const held = await t.store.leases.acquire('routing', { nodeId: 'a', url: 'http://a' }, LONG_TTL);
    fence = { lease: 'routing', nodeId: 'a', token: held?.token ?? 0 };
    for (const write of await everyFencedWrite()) await write();
    expect(await t.store.offers.listOpen()).toEqual([]);
    expect(await t.store.agentStatus.latest(agentId)).toMatchObject({ status: 'ready' });
  });

  it('refuses every routing write with an old token after a takeover, writing nothing', async () => {
    const a = await t.store.leases.acquire('routing', { nodeId: 'a', url: 'http://a' }, SHORT_TTL);
    fence = { lease: 'routing', nodeId: 'a', token: a?.token ?? 0 };
    await pastShortTtl();
    expect(await t.store.leases.acquire('routing', { nodeId: 'b', url: 'http://b' }, LONG_TTL)).toMatchObject({ token: 2 });
    const writes = await everyFencedWrite();
    const before = await snapshot();
    for (const write of writes) {
      const err = await write().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject(unavailable);
    }
    expect(await snapshot()).toStrictEqual(before);
  });

  it('refuses writes when the lease expired without a takeover, was never taken, or the fence names another node', async () => {
    const a = await t.store.leases.acquire('routing', { nodeId: 'a', url: 'http://a' }, SHORT_TTL);
    const { id } = await t.store.interactions.create(chat, T0);
    const abandon = () => fenced.interactions.transition(id, { from: ['queued'], to: 'abandoned' }, { type: 'abandoned', at: T1 });
    fence = { lease: 'routing', nodeId: 'b', token: a?.token ?? 0 };
    await expect(abandon()).rejects.toMatchObject(unavailable);
    fence = { lease: 'nobody-took-this', nodeId: 'a', token: a?.token ?? 0 };
    await expect(abandon()).rejects.toMatchObject(unavailable);
    fence = { lease: 'routing', nodeId: 'a', token: a?.token ?? 0 };
    await pastShortTtl();
    await expect(abandon()).rejects.toMatchObject(unavailable);
    expect((await t.store.interactions.get(id))?.state).toBe('queued');
    expect(await t.store.interactions.events(id)).toHaveLength(1);
  });

  it('refuses every routing write when fence() returns undefined', async () => {
    await t.store.leases.acquire('routing', { nodeId: 'a', url: 'http://a' }, LONG_TTL);
    const writes = await everyFencedWrite();
    const before = await snapshot();
    for (const write of writes) await expect(write()).rejects.toMatchObject(unavailable);
    expect(await snapshot()).toStrictEqual(before);
  });

  it('does not fence interaction creation, messages or reads', async () => {
    const created = await fenced.interactions.create(chat, T0);
    await fenced.messages.append({ interactionId: created.id, clientMessageId: 'c1', sender: 'customer', authorName: 'Li Lei', text: 'hi', sentAt: T1 });
    expect(await fenced.interactions.get(created.id)).toStrictEqual(created);
    expect(await fenced.offers.listOpen()).toEqual([]);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@omnicc/shared';
import { openTestStore, stopEmbeddedTestCluster, TEST_DB_KINDS, truncateAll, type TestStore } from './testing.js';

afterAll(stopEmbeddedTestCluster);

describe.each(TEST_DB_KINDS)('pg store reference data (%s)', (kind) => {
  let t: TestStore;
  // One database per kind, emptied before each test.
  beforeAll(async () => {
    t = await openTestStore(kind);
  });
  afterAll(() => t.cleanup());
  beforeEach(() => truncateAll(t.pool));

  it('upserts users by username and keeps their id', async () => {
    const alice = await t.store.users.upsert({ username: 'alice', displayName: 'Alice', role: 'agent', passwordHash: 'h1' });
    expect(alice.id).toMatch(/^[0-9a-f-]{36}$/);
    const again = await t.store.users.upsert({ username: 'alice', displayName: 'Alice L.', role: 'teamLead', passwordHash: 'h2' });
    expect(again).toStrictEqual({ id: alice.id, username: 'alice', displayName: 'Alice L.', role: 'teamLead', passwordHash: 'h2' });
    expect(await t.store.users.findByUsername('alice')).toStrictEqual(again);
    expect(await t.store.users.findById(alice.id)).toStrictEqual(again);
    expect(await t.store.users.findByUsername('nobody')).toBeUndefined();
    expect(await t.store.users.findById('not-a-uuid')).toBeUndefined();
    expect(await t.store.users.findById(crypto.randomUUID())).toBeUndefined();
  });

  it('reads many users\' display names in one call, leaving unknown and malformed ids out', async () => {
    const alice = await t.store.users.upsert({ username: 'alice', displayName: 'Alice', role: 'agent', passwordHash: 'h' });
    const bob = await t.store.users.upsert({ username: 'bob', displayName: 'Bob', role: 'agent', passwordHash: 'h' });
    const names = await t.store.users.displayNames([alice.id, bob.id, crypto.randomUUID(), 'not-a-uuid']);
    expect(names).toStrictEqual(new Map([[alice.id, 'Alice'], [bob.id, 'Bob']]));
    expect(await t.store.users.displayNames([])).toStrictEqual(new Map());
  });

  it('stores a user under a given id and refuses to reuse it for another username', async () => {
    const id = crypto.randomUUID();
    const bob = await t.store.users.upsert({ id, username: 'bob', displayName: 'Bob', role: 'admin', passwordHash: 'h' });
    expect(bob.id).toBe(id);
    await expect(t.store.users.upsert({ id, username: 'carol', displayName: 'C', role: 'agent', passwordHash: 'h' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await t.store.users.findByUsername('carol')).toBeUndefined();
  });

  it('upserts dictionaries, keeping first-added order and both languages', async () => {
    await t.store.dictionaries.upsertNotReadyReasons([
      { code: 'lunch', labels: { en: 'Lunch', 'zh-CN': '午餐' } },
      { code: 'break', labels: { en: 'Break', 'zh-CN': '休息' } },
    ]);
    await t.store.dictionaries.upsertNotReadyReasons([
      { code: 'training', labels: { en: 'Training', 'zh-CN': '培训' } },
      { code: 'lunch', labels: { en: 'Lunch break', 'zh-CN': '午休' } },
      { code: 'lunch', labels: { en: 'Lunch (last wins)', 'zh-CN': '午饭' } },
    ]);
    await t.store.dictionaries.upsertDispositions([{ code: 'resolved', labels: { en: 'Resolved', 'zh-CN': '已解决' } }]);
    await t.store.dictionaries.upsertDispositions([]);
    expect(await t.store.dictionaries.get()).toStrictEqual({
      notReadyReasons: [
        { code: 'lunch', labels: { en: 'Lunch (last wins)', 'zh-CN': '午饭' } },
        { code: 'break', labels: { en: 'Break', 'zh-CN': '休息' } },
        { code: 'training', labels: { en: 'Training', 'zh-CN': '培训' } },
      ],
      dispositions: [{ code: 'resolved', labels: { en: 'Resolved', 'zh-CN': '已解决' } }],
    });
  });

  it('upserts, gets and lists queues', async () => {
    await t.store.queues.upsert({ id: 'voice-sales', channel: 'voice', nameEn: 'Sales', nameZh: '销售' });
    await t.store.queues.upsert({ id: 'chat-general', channel: 'chat', nameEn: 'General', nameZh: '综合' });
    await t.store.queues.upsert({ id: 'voice-sales', channel: 'voice', nameEn: 'Sales line', nameZh: '销售热线' });
    expect(await t.store.queues.get('voice-sales')).toStrictEqual({ id: 'voice-sales', channel: 'voice', nameEn: 'Sales line', nameZh: '销售热线' });
    expect(await t.store.queues.get('missing')).toBeUndefined();
    expect((await t.store.queues.list()).map((q) => q.id)).toEqual(['chat-general', 'voice-sales']);
  });

  it('records agent status changes and returns the latest', async () => {
    const { id } = await t.store.users.upsert({ username: 'alice', displayName: 'Alice', role: 'agent', passwordHash: 'h' });
    expect(await t.store.agentStatus.latest(id)).toBeUndefined();
    await t.store.agentStatus.record(id, 'ready', undefined, '2025-01-01T09:00:00.000Z');
    await t.store.agentStatus.record(id, 'notReady', 'lunch', '2025-01-01T12:00:00.000Z');
    // Older timestamp recorded later (clock skew between nodes): the latest by time still wins.
    await t.store.agentStatus.record(id, 'busy', undefined, '2025-01-01T10:00:00.000Z');
    expect(await t.store.agentStatus.latest(id)).toStrictEqual({ status: 'notReady', reasonCode: 'lunch', at: '2025-01-01T12:00:00.000Z' });
    // Same millisecond: the one recorded last wins, and an absent reason stays absent.
    await t.store.agentStatus.record(id, 'ready', undefined, '2025-01-01T12:00:00.000Z');
    expect(await t.store.agentStatus.latest(id)).toStrictEqual({ status: 'ready', at: '2025-01-01T12:00:00.000Z' });
    expect(await t.store.agentStatus.latest(crypto.randomUUID())).toBeUndefined();
  });

  it('finds the last ready / not-ready choice, skipping busy and wrap-up, and none after going offline', async () => {
    const { id } = await t.store.users.upsert({ username: 'alice', displayName: 'Alice', role: 'agent', passwordHash: 'h' });
    expect(await t.store.agentStatus.lastChoice(id)).toBeUndefined();
    await t.store.agentStatus.record(id, 'notReady', 'lunch', '2025-01-01T09:00:00.000Z');
    expect(await t.store.agentStatus.lastChoice(id)).toStrictEqual({ status: 'notReady', reasonCode: 'lunch' });
    await t.store.agentStatus.record(id, 'ready', undefined, '2025-01-01T10:00:00.000Z');
    await t.store.agentStatus.record(id, 'busy', undefined, '2025-01-01T10:05:00.000Z');
    await t.store.agentStatus.record(id, 'wrapUp', undefined, '2025-01-01T10:10:00.000Z');
    expect(await t.store.agentStatus.lastChoice(id)).toStrictEqual({ status: 'ready' });
    await t.store.agentStatus.record(id, 'offline', undefined, '2025-01-01T11:00:00.000Z');
    expect(await t.store.agentStatus.lastChoice(id)).toBeUndefined();
    expect(await t.store.agentStatus.lastChoice('not-a-uuid')).toBeUndefined();
  });

  it('refuses status changes of unknown agents', async () => {
    const err = await t.store.agentStatus.record(crypto.randomUUID(), 'ready', undefined, new Date().toISOString()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'NOT_FOUND' });
  });
});

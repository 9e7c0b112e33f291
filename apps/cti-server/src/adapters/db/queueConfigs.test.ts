import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queueConfigSchema, type QueueConfig } from '@omnicc/shared';
import { openTestStore, stopEmbeddedTestCluster, TEST_DB_KINDS, truncateAll, type TestStore } from './testing.js';

afterAll(stopEmbeddedTestCluster);

/** A complete config with the model's defaults, as the admin API would hand it to the store. */
const queue = (id: string, over: Partial<QueueConfig> = {}): QueueConfig => queueConfigSchema.parse({ id, channel: 'voice', nameEn: id, nameZh: id, ...over });

describe.each(TEST_DB_KINDS)('pg store queue configs (%s)', (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
  });
  afterAll(() => t.cleanup());
  beforeEach(async () => {
    await truncateAll(t.pool);
    await t.store.skills.create({ code: 'billing', labels: { en: 'Billing', 'zh-CN': '账务' } });
    await t.store.skills.create({ code: 'english', labels: { en: 'English', 'zh-CN': '英语' } });
  });

  it('creates, reads, lists, replaces and deletes a full config', async () => {
    const full = queue('voice-billing', {
      requiredSkills: [{ skill: 'english', minLevel: 3 }, { skill: 'billing', minLevel: 5 }],
      priority: 70,
      serviceLevel: { percent: 92.5, seconds: 15 },
      offerTimeoutSeconds: 12,
      maxWaitSeconds: 120,
      selection: 'leastOccupied',
      stickySeconds: 0,
      wrapUpSeconds: 45,
    });
    await t.store.queueConfigs.create(full);
    await t.store.queueConfigs.create(queue('voice-overflow'));
    expect(await t.store.queueConfigs.get('voice-billing')).toStrictEqual(full);
    const replaced = queue('voice-billing', { nameEn: 'Billing', requiredSkills: [{ skill: 'billing', minLevel: 2 }], overflowQueueId: 'voice-overflow' });
    expect(await t.store.queueConfigs.update(replaced)).toStrictEqual(replaced);
    expect(await t.store.queueConfigs.get('voice-billing')).toStrictEqual(replaced);
    expect(await t.store.queueConfigs.list({ limit: 1, offset: 1 })).toStrictEqual({ items: [queue('voice-overflow')], total: 2 });
    await expect(t.store.queueConfigs.delete('voice-overflow')).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('overflow of queues voice-billing') as string });
    await t.store.queueConfigs.delete('voice-billing');
    expect(await t.store.queueConfigs.get('voice-billing')).toBeUndefined();
    await t.store.queueConfigs.delete('voice-overflow');
    expect(await t.store.queueConfigs.list({ limit: 10, offset: 0 })).toStrictEqual({ items: [], total: 0 });
  });

  it('keeps the narrow queue repository working on the same rows, with model defaults', async () => {
    await t.store.queues.upsert({ id: 'chat-general', channel: 'chat', nameEn: 'General', nameZh: '综合' });
    expect(await t.store.queueConfigs.get('chat-general')).toStrictEqual(queue('chat-general', { channel: 'chat', nameEn: 'General', nameZh: '综合' }));
    await t.store.queueConfigs.update(queue('chat-general', { channel: 'chat', nameEn: 'General chat', priority: 10 }));
    expect(await t.store.queues.get('chat-general')).toStrictEqual({ id: 'chat-general', channel: 'chat', nameEn: 'General chat', nameZh: 'chat-general' });
    // A later narrow upsert (the seed) renames but keeps the routing fields.
    await t.store.queues.upsert({ id: 'chat-general', channel: 'chat', nameEn: 'General', nameZh: '综合' });
    expect((await t.store.queueConfigs.get('chat-general'))?.priority).toBe(10);
  });

  it('refuses a duplicate id with CONFLICT and keeps the first', async () => {
    await t.store.queueConfigs.create(queue('q1', { priority: 1 }));
    await expect(t.store.queueConfigs.create(queue('q1', { priority: 2 }))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await t.store.queueConfigs.get('q1'))?.priority).toBe(1);
  });

  it('refuses unknown or repeated required skills and writes nothing', async () => {
    await expect(t.store.queueConfigs.create(queue('q1', { requiredSkills: [{ skill: 'billing', minLevel: 1 }, { skill: 'french', minLevel: 1 }] }))).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'unknown skill: french',
    });
    await expect(t.store.queueConfigs.create(queue('q1', { requiredSkills: [{ skill: 'billing', minLevel: 1 }, { skill: 'billing', minLevel: 2 }] }))).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await t.store.queueConfigs.get('q1')).toBeUndefined();
    await t.store.queueConfigs.create(queue('q1', { requiredSkills: [{ skill: 'billing', minLevel: 4 }] }));
    await expect(t.store.queueConfigs.update(queue('q1', { priority: 99, requiredSkills: [{ skill: 'french', minLevel: 1 }] }))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await t.store.queueConfigs.get('q1')).toStrictEqual(queue('q1', { requiredSkills: [{ skill: 'billing', minLevel: 4 }] }));
  });

  it('checks the overflow target: existing, not itself, same channel, no loop', async () => {
    await t.store.queueConfigs.create(queue('a'));
    await t.store.queueConfigs.create(queue('b', { overflowQueueId: 'a' }));
    await t.store.queueConfigs.create(queue('c', { overflowQueueId: 'b' }));
    await t.store.queueConfigs.create(queue('mail', { channel: 'email' }));
    const refused = async (q: QueueConfig, message: string) => {
      await expect(t.store.queueConfigs.update(q)).rejects.toMatchObject({ code: 'BAD_REQUEST', message });
    };
    await refused(queue('a', { overflowQueueId: 'a' }), 'queue a cannot overflow into itself');
    await refused(queue('a', { overflowQueueId: 'ghost' }), 'unknown overflow queue: ghost');
    await refused(queue('a', { overflowQueueId: 'mail' }), 'overflow queue mail is a email queue, not voice');
    await refused(queue('a', { overflowQueueId: 'c' }), 'overflow into c would loop: a -> c -> b -> a');
    await expect(t.store.queueConfigs.create(queue('d', { overflowQueueId: 'd' }))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await t.store.queueConfigs.get('a'))?.overflowQueueId).toBeUndefined();
    // Re-pointing the chain so that it no longer loops is fine.
    await t.store.queueConfigs.update(queue('b'));
    await t.store.queueConfigs.update(queue('a', { overflowQueueId: 'c' }));
    expect((await t.store.queueConfigs.get('a'))?.overflowQueueId).toBe('c');
  });

  it('refuses concurrent updates that together would close a loop (one of each pair wins)', async () => {
    // Many pairs at once, so that without serialization some pair interleaves its check and write.
    const pairs = Array.from({ length: 15 }, (_, i) => [`a${i}`, `b${i}`] as const);
    for (const [a, b] of pairs) {
      await t.store.queueConfigs.create(queue(a));
      await t.store.queueConfigs.create(queue(b));
    }
    const results = await Promise.allSettled(
      pairs.flatMap(([a, b]) => [t.store.queueConfigs.update(queue(a, { overflowQueueId: b })), t.store.queueConfigs.update(queue(b, { overflowQueueId: a }))]),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(pairs.length);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'BAD_REQUEST' });
    for (const [a, b] of pairs) {
      const targets = [(await t.store.queueConfigs.get(a))?.overflowQueueId, (await t.store.queueConfigs.get(b))?.overflowQueueId];
      expect(targets.filter(Boolean)).toHaveLength(1);
    }
  });

  it('never changes the channel of a queue, and 404s an unknown one', async () => {
    await t.store.queueConfigs.create(queue('q1'));
    await expect(t.store.queueConfigs.update(queue('q1', { channel: 'chat' }))).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(t.store.queueConfigs.update(queue('nope'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t.store.queueConfigs.delete('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses to delete a queue that a team works or that has interactions', async () => {
    await t.store.queueConfigs.create(queue('q1', { channel: 'chat' }));
    await t.store.teams.create({ id: 'team1', nameEn: 'T', nameZh: 'T', queueIds: ['q1'] });
    await expect(t.store.queueConfigs.delete('q1')).rejects.toMatchObject({ code: 'CONFLICT', message: 'queue q1 is still used by teams team1' });
    await t.store.teams.update({ id: 'team1', nameEn: 'T', nameZh: 'T', queueIds: [] });
    await t.store.interactions.create({ channel: 'chat', queueId: 'q1', customer: { name: 'C' } }, new Date().toISOString());
    await expect(t.store.queueConfigs.delete('q1')).rejects.toMatchObject({ code: 'CONFLICT', message: 'queue q1 is still used by 1 interactions' });
    expect(await t.store.queueConfigs.get('q1')).toBeDefined();
  });

  it('refuses to delete a skill that a queue requires', async () => {
    await t.store.queueConfigs.create(queue('q1', { requiredSkills: [{ skill: 'billing', minLevel: 1 }] }));
    await expect(t.store.skills.delete('billing')).rejects.toMatchObject({ code: 'CONFLICT', message: 'skill billing is still used by queues q1' });
    await t.store.skills.delete('english');
    expect((await t.store.skills.list({ limit: 10, offset: 0 })).items.map((s) => s.code)).toEqual(['billing']);
  });
});

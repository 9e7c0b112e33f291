import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { routingSettingsSchema } from '@omnicc/shared';
import { openTestStore, stopEmbeddedTestCluster, TEST_DB_KINDS, truncateAll, type TestStore } from './testing.js';

afterAll(stopEmbeddedTestCluster);

describe.each(TEST_DB_KINDS)('pg store skills, dictionary entries, routing settings (%s)', (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
  });
  afterAll(() => t.cleanup());
  beforeEach(() => truncateAll(t.pool));

  it('creates, lists in first-added order, relabels and deletes skills', async () => {
    await t.store.skills.create({ code: 'zh', labels: { en: 'Chinese', 'zh-CN': '中文' } });
    await t.store.skills.create({ code: 'billing', labels: { en: 'Billing', 'zh-CN': '账务' } });
    await expect(t.store.skills.create({ code: 'zh', labels: { en: 'x', 'zh-CN': 'x' } })).rejects.toMatchObject({ code: 'CONFLICT', message: 'skill zh already exists' });
    await t.store.skills.update({ code: 'zh', labels: { en: 'Mandarin', 'zh-CN': '普通话' } });
    expect(await t.store.skills.list({ limit: 10, offset: 0 })).toStrictEqual({
      items: [
        { code: 'zh', labels: { en: 'Mandarin', 'zh-CN': '普通话' } },
        { code: 'billing', labels: { en: 'Billing', 'zh-CN': '账务' } },
      ],
      total: 2,
    });
    await expect(t.store.skills.update({ code: 'nope', labels: { en: 'x', 'zh-CN': 'x' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await t.store.skills.delete('zh');
    expect(await t.store.skills.get('zh')).toBeUndefined();
    await expect(t.store.skills.delete('zh')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('edits not-ready reasons and wrap-up codes one at a time, seen by the dictionaries view', async () => {
    await t.store.dictionaries.upsertNotReadyReasons([{ code: 'lunch', labels: { en: 'Lunch', 'zh-CN': '用餐' } }]);
    await t.store.notReadyReasons.create({ code: 'coaching', labels: { en: 'Coaching', 'zh-CN': '辅导' } });
    await t.store.dispositions.create({ code: 'sale', labels: { en: 'Sale', 'zh-CN': '成交' } });
    await expect(t.store.notReadyReasons.create({ code: 'lunch', labels: { en: 'x', 'zh-CN': 'x' } })).rejects.toMatchObject({ code: 'CONFLICT' });
    await t.store.notReadyReasons.update({ code: 'lunch', labels: { en: 'Lunch break', 'zh-CN': '午休' } });
    expect(await t.store.dictionaries.get()).toStrictEqual({
      notReadyReasons: [
        { code: 'lunch', labels: { en: 'Lunch break', 'zh-CN': '午休' } },
        { code: 'coaching', labels: { en: 'Coaching', 'zh-CN': '辅导' } },
      ],
      dispositions: [{ code: 'sale', labels: { en: 'Sale', 'zh-CN': '成交' } }],
    });
    await t.store.dispositions.delete('sale');
    expect(await t.store.dispositions.list({ limit: 5, offset: 0 })).toStrictEqual({ items: [], total: 0 });
    expect(await t.store.notReadyReasons.list({ limit: 1, offset: 1 })).toStrictEqual({ items: [{ code: 'coaching', labels: { en: 'Coaching', 'zh-CN': '辅导' } }], total: 2 });
  });

  it('serves default routing settings until replaced, then the stored ones', async () => {
    expect(await t.store.routingSettings.get()).toStrictEqual(routingSettingsSchema.parse({}));
    const custom = routingSettingsSchema.parse({ agingPerSecond: 1.25, maxMissedOffers: 5, tierBonus: { vipPlatinum: 90, vipGold: 70, vipSilver: 50, loyal: 20, potential: 10, ordinary: 0 } });
    expect(await t.store.routingSettings.put(custom)).toStrictEqual(custom);
    expect(await t.store.routingSettings.get()).toStrictEqual(custom);
    await t.store.routingSettings.put(routingSettingsSchema.parse({}));
    expect(await t.store.routingSettings.get()).toStrictEqual(routingSettingsSchema.parse({}));
  });
});

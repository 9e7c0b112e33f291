import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, TEST_DB_KINDS, type TestStore } from '../adapters/db/testing.js';
import { verifyPassword } from '../features/auth/passwords.js';
import { DEMO_USERS, seedDemoData } from './demoData.js';

describe.each(TEST_DB_KINDS)('demo seed (%s)', (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
  });
  afterAll(() => t.cleanup());

  it('seeds logins, dictionaries and routing data, and can run again', async () => {
    await seedDemoData(t.store);
    await seedDemoData(t.store); // the start command seeds on every start
    for (const u of DEMO_USERS) {
      const user = await t.store.users.findByUsername(u.username);
      expect(user?.role).toBe(u.role);
      expect(await verifyPassword(user!.passwordHash, u.password)).toBe(true);
    }
    const vip = await t.store.queueConfigs.get('chat-vip');
    expect(vip).toMatchObject({ requiredSkills: [{ skill: 'vip', minLevel: 5 }], overflowQueueId: 'chat-general', priority: 80 });
    const agent1 = await t.store.users.findByUsername('agent1');
    expect((await t.store.agents.profile(agent1!.id))?.skills).toContainEqual({ skill: 'vip', level: 7 });
    const { dispositions, notReadyReasons } = await t.store.dictionaries.get();
    expect(dispositions.map((d) => d.code)).toContain('billingQuery');
    expect(notReadyReasons.map((r) => r.code)).toContain('missedOffer');
  });
});

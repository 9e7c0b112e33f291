import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, TEST_DB_KINDS, type TestStore } from '../adapters/db/testing.js';
import { verifyPassword } from '../features/auth/passwords.js';
import { cannedResponseCreateSchema } from '@omnicc/shared';
import { DEMO_CANNED_RESPONSES } from './demoCannedResponses.js';
import { DEMO_USERS, seedDemoData } from './demoData.js';
import { DEMO_FLOW_BINDINGS } from './demoFlows.js';
import { createPgFlowStore } from '../adapters/db/flowStore.js';
import { createPgKnowledgeStore } from '../adapters/db/knowledgeStore.js';
import { KNOWLEDGE_ARTICLES } from './knowledgeArticles.js';

describe.each(TEST_DB_KINDS)('demo seed (%s)', (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
  });
  afterAll(() => t.cleanup());

  it('seeds logins, dictionaries and routing data, and can run again', async () => {
    await seedDemoData(t.store, t.pool);
    await seedDemoData(t.store, t.pool); // the start command seeds on every start
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
    const canned = await t.store.cannedResponses.list({ limit: 100, offset: 0 });
    expect(canned.total).toBe(DEMO_CANNED_RESPONSES.length);
    // The example flows, published once (they validate and pass their own tests) and bound.
    const flows = createPgFlowStore(t.pool);
    expect((await flows.flows.list()).map((f) => [f.key, f.liveVersion, f.latestVersion]).sort()).toEqual(DEMO_FLOW_BINDINGS.map((d) => [d.flow.key, 1, 1]).sort());
    expect((await flows.bindings.list()).map((b) => [b.flowKey, b.queueId ?? b.channel]).sort()).toEqual(DEMO_FLOW_BINDINGS.map((d) => [d.flow.key, d.binding.queueId ?? d.binding.channel]).sort());
    // The knowledge base's articles, published once although the seed ran twice.
    expect((await createPgKnowledgeStore(t.pool).listArticles({ status: 'published', limit: 1, offset: 0 })).total).toBe(KNOWLEDGE_ARTICLES.length);
    expect(await t.store.cannedResponses.get('broadbandFault-zh')).toMatchObject({ channels: ['email'], title: '宽带报障受理', variables: ['customer.name', 'ticket', 'agent.name', 'mailbox.address'] });
  });

  it('writes canned responses that the admin API would accept, in both languages', () => {
    for (const r of DEMO_CANNED_RESPONSES) expect(cannedResponseCreateSchema.parse(r), r.id).toStrictEqual(r);
    const names = (language: string) => DEMO_CANNED_RESPONSES.filter((r) => r.language === language).map((r) => r.id.replace(/-(zh|en)$/, ''));
    expect(names('zh-CN')).toEqual(names('en'));
  });
});

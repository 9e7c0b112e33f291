import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CannedResponseWrite } from '../../store/Store.js';
import { openTestStore, stopEmbeddedTestCluster, TEST_DB_KINDS, truncateAll, type TestStore } from './testing.js';

afterAll(stopEmbeddedTestCluster);

const response = (id: string, over: Partial<CannedResponseWrite> = {}): CannedResponseWrite => ({
  id,
  channels: ['chat', 'email'],
  language: 'zh-CN',
  category: '账单',
  title: '账单核实',
  body: '{{customer.name}}您好，账单已核实。{{agent.name}} {{customer.name}}',
  enabled: true,
  ...over,
});

describe.each(TEST_DB_KINDS)('pg store canned responses (%s)', (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
  });
  afterAll(() => t.cleanup());
  beforeEach(() => truncateAll(t.pool));

  it('creates, reads back with who saved it, replaces and deletes', async () => {
    const lead = await t.store.users.upsert({ username: 'tina', displayName: '张伟 Zhang Wei', role: 'teamLead', passwordHash: 'h' });
    const before = Date.now();
    const created = await t.store.cannedResponses.create({ ...response('billChecked'), updatedBy: lead.id });
    expect(created).toStrictEqual({
      id: 'billChecked',
      channels: ['email', 'chat'],
      language: 'zh-CN',
      category: '账单',
      title: '账单核实',
      body: '{{customer.name}}您好，账单已核实。{{agent.name}} {{customer.name}}',
      enabled: true,
      bodyLength: 58,
      variables: ['customer.name', 'agent.name'],
      updatedAt: expect.any(String) as unknown,
      updatedBy: { id: lead.id, displayName: '张伟 Zhang Wei' },
    });
    expect(Date.parse(created.updatedAt)).toBeGreaterThanOrEqual(before - 5000);
    await expect(t.store.cannedResponses.create(response('billChecked'))).rejects.toMatchObject({ code: 'CONFLICT', message: 'canned response billChecked already exists' });
    const replaced = await t.store.cannedResponses.update(response('billChecked', { channels: ['sms'], language: 'en', category: 'Billing', title: 'Bill checked', body: 'Checked.', enabled: false }));
    expect(replaced).toMatchObject({ channels: ['sms'], language: 'en', body: 'Checked.', enabled: false, bodyLength: 8, variables: [] });
    expect(replaced.updatedBy).toBeUndefined();
    expect(await t.store.cannedResponses.get('billChecked')).toStrictEqual(replaced);
    await expect(t.store.cannedResponses.update(response('nope'))).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'canned response nope not found' });
    await t.store.cannedResponses.delete('billChecked');
    expect(await t.store.cannedResponses.get('billChecked')).toBeUndefined();
    await expect(t.store.cannedResponses.delete('billChecked')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('pages by category then id, byte-wise on every server, and lists the enabled ones of a channel', async () => {
    await t.store.cannedResponses.create(response('b-zh', { category: '账单' }));
    await t.store.cannedResponses.create(response('a-en', { language: 'en', category: 'Billing', channels: ['sms'] }));
    await t.store.cannedResponses.create(response('Z-en', { language: 'en', category: 'Billing', enabled: false }));
    await t.store.cannedResponses.create(response('c-zh', { category: '服务', channels: ['email', 'sms', 'chat'] }));
    const page = await t.store.cannedResponses.list({ limit: 3, offset: 0 });
    expect([page.items.map((r) => r.id), page.total]).toEqual([['Z-en', 'a-en', 'c-zh'], 4]);
    expect((await t.store.cannedResponses.list({ limit: 3, offset: 3 })).items.map((r) => r.id)).toEqual(['b-zh']);
    const ids = async (channel: 'email' | 'sms' | 'chat') => (await t.store.cannedResponses.enabledFor(channel)).map((r) => r.id).sort();
    expect(await ids('email')).toEqual(['b-zh', 'c-zh']);
    expect(await ids('sms')).toEqual(['a-en', 'c-zh']);
    expect(await ids('chat')).toEqual(['b-zh', 'c-zh']);
  });

  it('keeps the wording when its editor is deleted, and refuses what the API would (backstop checks)', async () => {
    const lead = await t.store.users.upsert({ username: 'tina', displayName: 'Tina', role: 'teamLead', passwordHash: 'h' });
    await t.store.cannedResponses.create({ ...response('kept'), updatedBy: lead.id });
    await t.pool.query('DELETE FROM users WHERE id = $1', [lead.id]);
    expect((await t.store.cannedResponses.get('kept'))?.updatedBy).toBeUndefined();
    await expect(t.store.cannedResponses.create(response('none', { channels: [] }))).rejects.toMatchObject({ cause: { constraint: 'canned_responses_channels_check' } });
    await expect(t.pool.query("INSERT INTO canned_responses (id, channels, language, category, title, body) VALUES ('v', '{voice}', 'en', 'c', 't', 'b')")).rejects.toThrow(/channels_check/);
    await expect(t.pool.query("INSERT INTO canned_responses (id, channels, language, category, title, body) VALUES ('f', '{chat}', 'fr', 'c', 't', 'b')")).rejects.toThrow(/language_check/);
  });
});

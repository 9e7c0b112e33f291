import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAgentSchema, pageSchema, queueConfigSchema, routingSettingsSchema, skillSchema, teamSchema, type Dictionaries } from '@omnicc/shared';
import { startTestServer, type TestServer } from './support/testServer.js';

/** CRUD round trips of every admin resource over HTTP, as an admin, on a fresh database. */
describe('admin API: CRUD round trips', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer();
    token = (await server.login('root')).token;
  });
  afterAll(async () => {
    await server.close();
  });

  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
  };

  it('queues: create with defaults, read, page, replace, delete', async () => {
    await call('POST', '/api/admin/skills', { code: 'billing', labels: { en: 'Billing', 'zh-CN': '账务' } });
    const created = await call('POST', '/api/admin/queues', { id: 'voice-billing', channel: 'voice', nameEn: 'Billing', nameZh: '账务', requiredSkills: [{ skill: 'billing', minLevel: 4 }] });
    expect(created.status).toBe(201);
    const expected = queueConfigSchema.parse({ id: 'voice-billing', channel: 'voice', nameEn: 'Billing', nameZh: '账务', requiredSkills: [{ skill: 'billing', minLevel: 4 }] });
    expect(created.json).toStrictEqual(expected);
    expect(await call('GET', '/api/admin/queues/voice-billing')).toStrictEqual({ status: 200, json: expected });

    const page = await call('GET', '/api/admin/queues?limit=2&offset=0');
    const parsed = pageSchema(queueConfigSchema).parse(page.json);
    // The seed's queues (two chat, one email, one hotline, one SMS) are there too, listed by id.
    expect(parsed.total).toBe(6);
    expect(parsed.items.map((q) => q.id)).toEqual(['chat-general', 'chat-vip']);
    expect(parsed).toMatchObject({ limit: 2, offset: 0 });
    expect(pageSchema(queueConfigSchema).parse((await call('GET', '/api/admin/queues?offset=2')).json).items.map((q) => q.id)).toEqual(['email-general', 'sms-general', 'voice-billing', 'voice-general']);

    // PUT replaces the whole config: what is left out goes back to its default.
    await call('POST', '/api/admin/queues', { id: 'voice-spill', channel: 'voice', nameEn: 'Spill', nameZh: '溢出' });
    const replaced = await call('PUT', '/api/admin/queues/voice-billing', { channel: 'voice', nameEn: 'Billing 2', nameZh: '账务2', priority: 90, overflowQueueId: 'voice-spill' });
    expect(replaced).toStrictEqual({ status: 200, json: queueConfigSchema.parse({ id: 'voice-billing', channel: 'voice', nameEn: 'Billing 2', nameZh: '账务2', priority: 90, overflowQueueId: 'voice-spill' }) });
    expect(await call('GET', '/api/admin/queues/voice-billing')).toStrictEqual(replaced);

    expect((await call('DELETE', '/api/admin/queues/voice-billing')).status).toBe(204);
    expect(await call('GET', '/api/admin/queues/voice-billing')).toMatchObject({ status: 404, json: { error: { code: 'NOT_FOUND' } } });
    expect(await call('DELETE', '/api/admin/queues/voice-billing')).toMatchObject({ status: 404, json: { error: { code: 'NOT_FOUND' } } });
  });

  it('skills and teams: create, read, list, replace, delete', async () => {
    const skill = { code: 'english', labels: { en: 'English', 'zh-CN': '英语' } };
    expect(await call('POST', '/api/admin/skills', skill)).toStrictEqual({ status: 201, json: skill });
    expect(await call('PUT', '/api/admin/skills/english', { labels: { en: 'English (fluent)', 'zh-CN': '英语(流利)' } })).toStrictEqual({
      status: 200,
      json: { code: 'english', labels: { en: 'English (fluent)', 'zh-CN': '英语(流利)' } },
    });
    const skills = pageSchema(skillSchema).parse((await call('GET', '/api/admin/skills')).json);
    expect(skills.items.map((s) => s.code)).toContain('english');

    const team = { id: 'north', nameEn: 'North', nameZh: '北区', queueIds: ['chat-general', 'chat-vip'] };
    expect(await call('POST', '/api/admin/teams', team)).toStrictEqual({ status: 201, json: team });
    expect(await call('GET', '/api/admin/teams/north')).toStrictEqual({ status: 200, json: team });
    expect(await call('PUT', '/api/admin/teams/north', { nameEn: 'North 2', nameZh: '北区2' })).toStrictEqual({
      status: 200,
      json: { id: 'north', nameEn: 'North 2', nameZh: '北区2', queueIds: [] },
    });
    expect(pageSchema(teamSchema).parse((await call('GET', '/api/admin/teams')).json).items).toContainEqual({ id: 'north', nameEn: 'North 2', nameZh: '北区2', queueIds: [] });
    expect((await call('DELETE', '/api/admin/teams/north')).status).toBe(204);
    expect((await call('DELETE', '/api/admin/skills/english')).status).toBe(204);
    expect((await call('GET', '/api/admin/skills/english')).status).toBe(404);
  });

  it('not-ready reasons and wrap-up codes: edited here, seen by every desktop through /api/dictionaries', async () => {
    const reason = { code: 'coaching', labels: { en: 'Coaching', 'zh-CN': '辅导' } };
    const wrapUp = { code: 'sale', labels: { en: 'Sale', 'zh-CN': '成交' } };
    expect(await call('POST', '/api/admin/not-ready-reasons', reason)).toStrictEqual({ status: 201, json: reason });
    expect(await call('POST', '/api/admin/wrap-up-codes', wrapUp)).toStrictEqual({ status: 201, json: wrapUp });
    await call('PUT', '/api/admin/not-ready-reasons/lunch', { labels: { en: 'Lunch break', 'zh-CN': '午休' } });
    const dictionaries = (await call('GET', '/api/dictionaries')).json as Dictionaries;
    expect(dictionaries.notReadyReasons).toContainEqual(reason);
    expect(dictionaries.notReadyReasons).toContainEqual({ code: 'lunch', labels: { en: 'Lunch break', 'zh-CN': '午休' } });
    expect(dictionaries.dispositions.at(-1)).toStrictEqual(wrapUp);
    expect((await call('DELETE', '/api/admin/wrap-up-codes/sale')).status).toBe(204);
    expect((await call('DELETE', '/api/admin/not-ready-reasons/coaching')).status).toBe(204);
    expect((await call('GET', '/api/admin/wrap-up-codes/sale')).status).toBe(404);
    // Routing sets agents not ready with this code by itself.
    expect(await call('DELETE', '/api/admin/not-ready-reasons/missedOffer')).toMatchObject({ status: 409, json: { error: { code: 'CONFLICT' } } });
  });

  it('agents: create with a password that logs in, read, replace, set profile and password, delete', async () => {
    await call('POST', '/api/admin/skills', { code: 'vip', labels: { en: 'VIP care', 'zh-CN': 'VIP服务' } });
    await call('POST', '/api/admin/teams', { id: 'south', nameEn: 'South', nameZh: '南区' });
    const created = await call('POST', '/api/admin/agents', {
      username: 'li.na',
      displayName: '李娜',
      role: 'agent',
      password: 'first password',
      teamId: 'south',
      skills: [{ skill: 'vip', level: 8 }],
      capacity: { voice: 1, chat: 2, email: 0, sms: 0 },
    });
    expect(created.status).toBe(201);
    const agent = adminAgentSchema.parse(created.json);
    expect(agent).toStrictEqual({ id: agent.id, username: 'li.na', displayName: '李娜', role: 'agent', teamId: 'south', skills: [{ skill: 'vip', level: 8 }], capacity: { voice: 1, chat: 2, email: 0, sms: 0 } });
    expect(JSON.stringify(created.json)).not.toMatch(/password|argon2/i);
    expect((await server.login('li.na', 'first password')).user.id).toBe(agent.id);
    expect(await call('GET', `/api/admin/agents/${agent.id}`)).toStrictEqual({ status: 200, json: agent });
    const list = pageSchema(adminAgentSchema).parse((await call('GET', '/api/admin/agents?limit=100')).json);
    // Seeded agents and team lead are listed, the supervisor and the admin are not.
    expect(list.items.map((a) => a.username)).toEqual(['alice', 'bob', 'li.na', 'tina']);

    const updated = await call('PUT', `/api/admin/agents/${agent.id}`, { username: 'li.na', displayName: 'Li Na', role: 'teamLead' });
    expect(updated).toStrictEqual({ status: 200, json: { id: agent.id, username: 'li.na', displayName: 'Li Na', role: 'teamLead', skills: [], capacity: { voice: 1, chat: 3, email: 5, sms: 5 } } });
    const profiled = await call('PUT', `/api/admin/agents/${agent.id}/profile`, { teamId: 'south', skills: [{ skill: 'vip', level: 10 }], capacity: { voice: 0, chat: 10, email: 20, sms: 20 } });
    expect(profiled.json).toMatchObject({ role: 'teamLead', teamId: 'south', skills: [{ skill: 'vip', level: 10 }], capacity: { voice: 0, chat: 10, email: 20, sms: 20 } });

    expect((await call('PUT', `/api/admin/agents/${agent.id}/password`, { password: 'second password' })).status).toBe(204);
    await expect(server.login('li.na', 'first password')).rejects.toThrow(/401/);
    await server.login('li.na', 'second password');

    // Logging in left no history (no socket connected), so the account can go.
    expect((await call('DELETE', `/api/admin/agents/${agent.id}`)).status).toBe(204);
    expect((await call('GET', `/api/admin/agents/${agent.id}`)).status).toBe(404);
    await expect(server.login('li.na', 'second password')).rejects.toThrow(/401/);
  });

  it('agents: only agent and team lead accounts are managed here', async () => {
    const sam = await server.store.users.findByUsername('sam');
    expect((await call('GET', `/api/admin/agents/${sam?.id ?? ''}`)).status).toBe(404);
    expect((await call('PUT', `/api/admin/agents/${sam?.id ?? ''}/profile`, {})).status).toBe(404);
    expect((await call('DELETE', `/api/admin/agents/${sam?.id ?? ''}`)).status).toBe(404);
    expect(await call('POST', '/api/admin/agents', { username: 'boss', displayName: 'Boss', role: 'admin', password: 'long enough' })).toMatchObject({ status: 400 });
    expect(await server.store.users.findByUsername('boss')).toBeUndefined();
  });

  it('routing settings: defaults until replaced, then what was stored', async () => {
    expect(await call('GET', '/api/admin/routing-settings')).toStrictEqual({ status: 200, json: routingSettingsSchema.parse({}) });
    const custom = { tierBonus: { vipPlatinum: 80, vipGold: 60, vipSilver: 40, loyal: 20, potential: 10, ordinary: 0 }, agingPerSecond: 1, maxMissedOffers: 3 };
    const put = await call('PUT', '/api/admin/routing-settings', custom);
    expect(put).toStrictEqual({ status: 200, json: routingSettingsSchema.parse(custom) });
    expect(await call('GET', '/api/admin/routing-settings')).toStrictEqual(put);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAgentSchema, queueConfigSchema } from '@omnicc/shared';
import { startTestServer, type TestServer } from './support/testServer.js';

/**
 * Bad admin input: each gets a coded error and leaves the stored state as it
 * was. Cross-entity rules (skills, teams and overflow targets must exist),
 * malformed bodies, out-of-range levels and capacities, duplicates, and
 * deletes of what is still referenced.
 */
describe('admin API: validation and conflicts', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer();
    token = (await server.login('root')).token;
    await post('/api/admin/skills', { code: 'billing', labels: { en: 'Billing', 'zh-CN': '账务' } });
    await post('/api/admin/queues', { id: 'voice-a', channel: 'voice', nameEn: 'A', nameZh: 'A', requiredSkills: [{ skill: 'billing', minLevel: 2 }] });
    await post('/api/admin/queues', { id: 'voice-b', channel: 'voice', nameEn: 'B', nameZh: 'B', overflowQueueId: 'voice-a' });
    await post('/api/admin/teams', { id: 'north', nameEn: 'North', nameZh: '北区', queueIds: ['voice-a'] });
  });
  afterAll(async () => {
    await server.close();
  });

  const call = async (method: string, path: string, body?: unknown, raw?: string): Promise<{ status: number; json: unknown }> => {
    const payload = raw ?? (body !== undefined ? JSON.stringify(body) : undefined);
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(payload !== undefined ? { body: payload } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
  };
  const post = (path: string, body: unknown) => call('POST', path, body);
  /** Expects the coded error (status and code; message when given). */
  const refused = async (reply: Promise<{ status: number; json: unknown }>, status: number, code: string, message?: string | RegExp) => {
    const r = await reply;
    expect(r.status, JSON.stringify(r.json)).toBe(status);
    expect(r.json).toMatchObject({ error: { code } });
    if (message !== undefined) expect((r.json as { error: { message: string } }).error.message).toMatch(message);
  };
  const queue = async (id: string) => queueConfigSchema.parse((await call('GET', `/api/admin/queues/${id}`)).json);
  const base = { channel: 'voice', nameEn: 'X', nameZh: 'X' };

  it('refuses a queue requiring an unknown skill, and writes nothing', async () => {
    await refused(post('/api/admin/queues', { id: 'voice-c', ...base, requiredSkills: [{ skill: 'french', minLevel: 1 }] }), 400, 'BAD_REQUEST', 'unknown skill: french');
    expect((await call('GET', '/api/admin/queues/voice-c')).status).toBe(404);
    const before = await queue('voice-a');
    await refused(call('PUT', '/api/admin/queues/voice-a', { ...base, priority: 99, requiredSkills: [{ skill: 'french', minLevel: 1 }] }), 400, 'BAD_REQUEST');
    expect(await queue('voice-a')).toStrictEqual(before);
  });

  it('refuses an overflow target that is missing, itself, of another channel, or closes a loop', async () => {
    await post('/api/admin/queues', { id: 'mail', channel: 'email', nameEn: 'Mail', nameZh: '邮件' });
    const before = await queue('voice-a');
    await refused(call('PUT', '/api/admin/queues/voice-a', { ...base, overflowQueueId: 'ghost' }), 400, 'BAD_REQUEST', 'unknown overflow queue: ghost');
    await refused(call('PUT', '/api/admin/queues/voice-a', { ...base, overflowQueueId: 'voice-a' }), 400, 'BAD_REQUEST', /itself/);
    await refused(call('PUT', '/api/admin/queues/voice-a', { ...base, overflowQueueId: 'mail' }), 400, 'BAD_REQUEST', /email queue/);
    // voice-b already overflows into voice-a.
    await refused(call('PUT', '/api/admin/queues/voice-a', { ...base, overflowQueueId: 'voice-b' }), 400, 'BAD_REQUEST', 'overflow into voice-b would loop: voice-a -> voice-b -> voice-a');
    await refused(post('/api/admin/queues', { id: 'voice-self', ...base, overflowQueueId: 'voice-self' }), 400, 'BAD_REQUEST');
    expect(await queue('voice-a')).toStrictEqual(before);
    await refused(call('PUT', '/api/admin/queues/voice-a', { ...base, channel: 'chat' }), 409, 'CONFLICT', /channel cannot change/);
  });

  it('refuses an agent with an unknown team or skill, or a skill level or capacity out of range', async () => {
    const agent = { username: 'newbie', displayName: 'New', role: 'agent', password: 'long enough' };
    await refused(post('/api/admin/agents', { ...agent, teamId: 'south' }), 400, 'BAD_REQUEST', 'unknown team: south');
    await refused(post('/api/admin/agents', { ...agent, skills: [{ skill: 'french', level: 3 }] }), 400, 'BAD_REQUEST', 'unknown skill: french');
    for (const level of [0, 11, 2.5, '5', null]) {
      await refused(post('/api/admin/agents', { ...agent, skills: [{ skill: 'billing', level }] }), 400, 'BAD_REQUEST', /skills\.0\.level/);
    }
    for (const capacity of [{ voice: 2 }, { chat: 11 }, { email: -1 }, { sms: 21 }, { chat: 1.5 }]) {
      await refused(post('/api/admin/agents', { ...agent, capacity }), 400, 'BAD_REQUEST', /capacity\./);
    }
    await refused(post('/api/admin/agents', { ...agent, skills: [{ skill: 'billing', level: 1 }, { skill: 'billing', level: 2 }] }), 400, 'BAD_REQUEST', /listed twice/);
    await refused(post('/api/admin/agents', { ...agent, password: 'short' }), 400, 'BAD_REQUEST', /password/);
    await refused(post('/api/admin/agents', { ...agent, username: 'Upper Case' }), 400, 'BAD_REQUEST', /username/);
    expect(await server.store.users.findByUsername('newbie')).toBeUndefined();

    const created = adminAgentSchema.parse((await post('/api/admin/agents', { ...agent, skills: [{ skill: 'billing', level: 5 }] })).json);
    await refused(call('PUT', `/api/admin/agents/${created.id}/profile`, { skills: [{ skill: 'billing', level: 99 }] }), 400, 'BAD_REQUEST');
    await refused(call('PUT', `/api/admin/agents/${created.id}/profile`, { teamId: 'ghost' }), 400, 'BAD_REQUEST');
    expect((await call('GET', `/api/admin/agents/${created.id}`)).json).toStrictEqual(created);
  });

  it('refuses queue and settings values out of range', async () => {
    await refused(post('/api/admin/queues', { id: 'voice-r', ...base, requiredSkills: [{ skill: 'billing', minLevel: 0 }] }), 400, 'BAD_REQUEST', /requiredSkills\.0\.minLevel/);
    await refused(post('/api/admin/queues', { id: 'voice-r', ...base, priority: 101 }), 400, 'BAD_REQUEST', /priority/);
    await refused(post('/api/admin/queues', { id: 'voice-r', ...base, serviceLevel: { percent: 0, seconds: 20 } }), 400, 'BAD_REQUEST', /serviceLevel\.percent/);
    await refused(post('/api/admin/queues', { id: 'voice-r', ...base, offerTimeoutSeconds: 1 }), 400, 'BAD_REQUEST');
    await refused(call('PUT', '/api/admin/routing-settings', { maxMissedOffers: 0 }), 400, 'BAD_REQUEST', /maxMissedOffers/);
    await refused(call('PUT', '/api/admin/routing-settings', { tierBonus: { vipGold: 10 } }), 400, 'BAD_REQUEST', /tierBonus/);
    expect((await call('GET', '/api/admin/queues/voice-r')).status).toBe(404);
  });

  it('refuses malformed payloads: wrong types, unknown fields at any depth, not JSON, no body', async () => {
    await refused(post('/api/admin/queues', { id: 'voice-m', ...base, priority: 'high' }), 400, 'BAD_REQUEST', /priority/);
    await refused(post('/api/admin/queues', { id: 42, ...base }), 400, 'BAD_REQUEST', /id/);
    await refused(post('/api/admin/queues', { id: 'voice-m', ...base, channel: 'fax' }), 400, 'BAD_REQUEST', /channel/);
    // Unknown fields are refused, not dropped: a typo must not silently store a default.
    await refused(post('/api/admin/queues', { id: 'voice-m', ...base, overflowQueue: 'voice-a' }), 400, 'BAD_REQUEST', /Unrecognized key: "overflowQueue"/);
    await refused(post('/api/admin/queues', { id: 'voice-m', ...base, serviceLevel: { percent: 80, seconds: 20, window: 5 } }), 400, 'BAD_REQUEST', /serviceLevel/);
    await refused(post('/api/admin/skills', { code: 'x1', labels: { en: 'X', 'zh-CN': 'X', fr: 'X' } }), 400, 'BAD_REQUEST', /labels/);
    await refused(call('PUT', '/api/admin/queues/voice-a', { id: 'voice-a', ...base }), 400, 'BAD_REQUEST', /Unrecognized key: "id"/);
    await refused(post('/api/admin/skills', { code: '9lives', labels: { en: 'X', 'zh-CN': 'X' } }), 400, 'BAD_REQUEST', /code/);
    await refused(post('/api/admin/skills', [{ code: 'x2' }]), 400, 'BAD_REQUEST');
    await refused(call('POST', '/api/admin/skills', undefined, '{"code": "x3",'), 400, 'BAD_REQUEST');
    await refused(call('POST', '/api/admin/skills'), 400, 'BAD_REQUEST');
    await refused(call('GET', '/api/admin/queues/not%20a%20code'), 400, 'BAD_REQUEST', /params/);
    await refused(call('GET', '/api/admin/agents/not-a-uuid'), 400, 'BAD_REQUEST', /params/);
    await refused(call('GET', '/api/admin/queues?limit=0'), 400, 'BAD_REQUEST', /limit/);
    await refused(call('GET', '/api/admin/queues?limit=abc'), 400, 'BAD_REQUEST', /limit/);
    await refused(call('GET', '/api/admin/queues?limit=501'), 400, 'BAD_REQUEST', /limit/);
    await refused(call('GET', '/api/admin/queues?page=2'), 400, 'BAD_REQUEST', /page/);
    expect((await call('GET', '/api/admin/queues/voice-m')).status).toBe(404);
    expect((await call('GET', '/api/admin/skills/x1')).status).toBe(404);
    expect((await call('GET', '/healthz')).status).toBe(200);
  });

  it('answers duplicates with CONFLICT and keeps the first', async () => {
    await refused(post('/api/admin/queues', { id: 'voice-a', ...base }), 409, 'CONFLICT', 'queue voice-a already exists');
    await refused(post('/api/admin/skills', { code: 'billing', labels: { en: 'B', 'zh-CN': 'B' } }), 409, 'CONFLICT');
    await refused(post('/api/admin/teams', { id: 'north', nameEn: 'N', nameZh: 'N' }), 409, 'CONFLICT');
    await refused(post('/api/admin/not-ready-reasons', { code: 'lunch', labels: { en: 'L', 'zh-CN': 'L' } }), 409, 'CONFLICT');
    await refused(post('/api/admin/wrap-up-codes', { code: 'resolved', labels: { en: 'R', 'zh-CN': 'R' } }), 409, 'CONFLICT');
    await refused(post('/api/admin/agents', { username: 'alice', displayName: 'Other', role: 'agent', password: 'long enough' }), 409, 'CONFLICT', /alice/);
    // A supervisor's username is taken too, though the agents resource does not list them.
    await refused(post('/api/admin/agents', { username: 'sam', displayName: 'Other', role: 'agent', password: 'long enough' }), 409, 'CONFLICT');
    const alice = await server.store.users.findByUsername('alice');
    await refused(call('PUT', `/api/admin/agents/${alice?.id ?? ''}`, { username: 'bob', displayName: 'A', role: 'agent' }), 409, 'CONFLICT');
    expect((await server.store.users.findByUsername('alice'))?.displayName).toBe('Alice');
    expect((await call('GET', '/api/admin/skills/billing')).json).toMatchObject({ labels: { en: 'Billing' } });
    await refused(post('/api/admin/queues', { id: 'voice-dup', ...base, requiredSkills: [{ skill: 'billing', minLevel: 1 }, { skill: 'billing', minLevel: 3 }] }), 400, 'BAD_REQUEST', /listed twice/);
  });

  it('refuses to delete what is still referenced, naming the references', async () => {
    await refused(call('DELETE', '/api/admin/skills/billing'), 409, 'CONFLICT', 'skill billing is still used by queues voice-a');
    await refused(call('DELETE', '/api/admin/queues/voice-a'), 409, 'CONFLICT', 'queue voice-a is still used by teams north; the overflow of queues voice-b');
    const alice = await server.store.users.findByUsername('alice');
    await call('PUT', `/api/admin/agents/${alice?.id ?? ''}/profile`, { teamId: 'north' });
    await refused(call('DELETE', '/api/admin/teams/north'), 409, 'CONFLICT', 'team north still has agents alice');
    // A queue with interactions is history: the web chat's default queue, once a chat started.
    await server.startChat();
    await refused(call('DELETE', '/api/admin/queues/chat-general'), 409, 'CONFLICT', /1 interactions/);
    // An agent with history (a status change is logged when the desktop connects).
    await server.store.agentStatus.record(alice?.id ?? '', 'ready', undefined, new Date().toISOString());
    await refused(call('DELETE', `/api/admin/agents/${alice?.id ?? ''}`), 409, 'CONFLICT', /history/);
    for (const path of ['/api/admin/skills/billing', '/api/admin/queues/voice-a', '/api/admin/teams/north', '/api/admin/queues/chat-general', `/api/admin/agents/${alice?.id ?? ''}`]) {
      expect((await call('GET', path)).status, path).toBe(200);
    }
  });
});

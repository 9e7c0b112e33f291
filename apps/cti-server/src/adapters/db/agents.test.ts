import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AgentAccount, AgentProfileFields } from '../../store/Store.js';
import { openTestStore, stopEmbeddedTestCluster, TEST_DB_KINDS, truncateAll, type TestStore } from './testing.js';

afterAll(stopEmbeddedTestCluster);

const DEFAULT_CAPACITY = { voice: 1, chat: 3, email: 5, sms: 5 };
const account = (username: string, over: Partial<AgentAccount & AgentProfileFields> = {}): AgentAccount & AgentProfileFields => ({
  username,
  displayName: username.toUpperCase(),
  role: 'agent',
  skills: [],
  capacity: DEFAULT_CAPACITY,
  ...over,
});

describe.each(TEST_DB_KINDS)('pg store agents and teams (%s)', (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
  });
  afterAll(() => t.cleanup());
  beforeEach(async () => {
    await truncateAll(t.pool);
    await t.store.skills.create({ code: 'billing', labels: { en: 'Billing', 'zh-CN': '账务' } });
    await t.store.skills.create({ code: 'english', labels: { en: 'English', 'zh-CN': '英语' } });
    await t.store.queueConfigs.create({ ...(await defaults('q1')) });
    await t.store.teams.create({ id: 'north', nameEn: 'North', nameZh: '北区', queueIds: ['q1'] });
  });
  const defaults = async (id: string) => (await import('@omnicc/shared')).queueConfigSchema.parse({ id, channel: 'chat', nameEn: id, nameZh: id });

  it('creates an agent with a profile, reads, lists, replaces and deletes it', async () => {
    const created = await t.store.agents.create({
      ...account('li.na', { teamId: 'north', skills: [{ skill: 'english', level: 7 }, { skill: 'billing', level: 3 }], capacity: { voice: 0, chat: 5, email: 2, sms: 0 } }),
      passwordHash: 'h',
    });
    expect(created).toStrictEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      username: 'li.na',
      displayName: 'LI.NA',
      role: 'agent',
      teamId: 'north',
      skills: [{ skill: 'english', level: 7 }, { skill: 'billing', level: 3 }],
      capacity: { voice: 0, chat: 5, email: 2, sms: 0 },
    });
    expect(await t.store.agents.get(created.id)).toStrictEqual(created);
    expect(await t.store.agents.profile(created.id)).toStrictEqual({ userId: created.id, teamId: 'north', skills: created.skills, capacity: created.capacity });
    const updated = await t.store.agents.update(created.id, account('li.na2', { role: 'teamLead', skills: [{ skill: 'billing', level: 9 }] }));
    expect(updated).toStrictEqual({ id: created.id, username: 'li.na2', displayName: 'LI.NA2', role: 'teamLead', skills: [{ skill: 'billing', level: 9 }], capacity: DEFAULT_CAPACITY });
    expect((await t.store.users.findById(created.id))?.passwordHash).toBe('h');
    await t.store.agents.setPasswordHash(created.id, 'h2');
    expect((await t.store.users.findById(created.id))?.passwordHash).toBe('h2');
    await t.store.agents.delete(created.id);
    expect(await t.store.agents.get(created.id)).toBeUndefined();
    expect(await t.store.users.findById(created.id)).toBeUndefined();
  });

  it('lists users of agent roles only, with defaults for those without a profile', async () => {
    const seeded = await t.store.users.upsert({ username: 'bob', displayName: 'Bob', role: 'agent', passwordHash: 'h' });
    await t.store.users.upsert({ username: 'sam', displayName: 'Sam', role: 'supervisor', passwordHash: 'h' });
    await t.store.agents.create({ ...account('alice'), passwordHash: 'h' });
    const page = await t.store.agents.list({ limit: 10, offset: 0 });
    expect(page.total).toBe(2);
    expect(page.items.map((a) => a.username)).toEqual(['alice', 'bob']);
    expect(page.items[1]).toStrictEqual({ id: seeded.id, username: 'bob', displayName: 'Bob', role: 'agent', skills: [], capacity: DEFAULT_CAPACITY });
    expect(await t.store.agents.list({ limit: 1, offset: 1 })).toMatchObject({ items: [{ username: 'bob' }], total: 2 });
    const sam = await t.store.users.findByUsername('sam');
    expect(await t.store.agents.get(sam?.id ?? '')).toBeUndefined();
    await expect(t.store.agents.updateProfile(sam?.id ?? '', { skills: [], capacity: DEFAULT_CAPACITY })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t.store.agents.setPasswordHash(sam?.id ?? '', 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await t.store.agents.get('not-a-uuid')).toBeUndefined();
  });

  it('refuses a taken username, an unknown team or skill, and writes nothing', async () => {
    await t.store.users.upsert({ username: 'sam', displayName: 'Sam', role: 'supervisor', passwordHash: 'h' });
    await expect(t.store.agents.create({ ...account('sam'), passwordHash: 'h' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(t.store.agents.create({ ...account('new', { teamId: 'south' }), passwordHash: 'h' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'unknown team: south' });
    await expect(t.store.agents.create({ ...account('new', { skills: [{ skill: 'french', level: 1 }] }), passwordHash: 'h' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'unknown skill: french',
    });
    expect(await t.store.users.findByUsername('new')).toBeUndefined();
    const a = await t.store.agents.create({ ...account('alice', { teamId: 'north' }), passwordHash: 'h' });
    await expect(t.store.agents.update(a.id, account('sam'))).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(t.store.agents.updateProfile(a.id, { skills: [{ skill: 'french', level: 1 }], capacity: DEFAULT_CAPACITY })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await t.store.agents.get(a.id)).toStrictEqual(a);
  });

  it('refuses to delete an agent with history, a team with members, a skill an agent holds', async () => {
    const a = await t.store.agents.create({ ...account('alice', { teamId: 'north', skills: [{ skill: 'billing', level: 2 }] }), passwordHash: 'h' });
    await expect(t.store.teams.delete('north')).rejects.toMatchObject({ code: 'CONFLICT', message: 'team north still has agents alice' });
    await expect(t.store.skills.delete('billing')).rejects.toMatchObject({ code: 'CONFLICT', message: 'skill billing is still used by agents alice' });
    await t.store.agentStatus.record(a.id, 'ready', undefined, new Date().toISOString());
    await expect(t.store.agents.delete(a.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await t.store.agents.get(a.id)).toStrictEqual(a);
  });

  it('round-trips teams with their queues, and refuses unknown queues and duplicates', async () => {
    expect(await t.store.teams.get('north')).toStrictEqual({ id: 'north', nameEn: 'North', nameZh: '北区', queueIds: ['q1'] });
    await t.store.queueConfigs.create(await defaults('q2'));
    await t.store.teams.create({ id: 'south', nameEn: 'South', nameZh: '南区', queueIds: ['q2', 'q1'] });
    expect(await t.store.teams.list({ limit: 10, offset: 0 })).toStrictEqual({
      items: [
        { id: 'north', nameEn: 'North', nameZh: '北区', queueIds: ['q1'] },
        { id: 'south', nameEn: 'South', nameZh: '南区', queueIds: ['q2', 'q1'] },
      ],
      total: 2,
    });
    await expect(t.store.teams.create({ id: 'south', nameEn: 'x', nameZh: 'x', queueIds: [] })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(t.store.teams.update({ id: 'south', nameEn: 'x', nameZh: 'x', queueIds: ['ghost'] })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'unknown queue: ghost' });
    await expect(t.store.teams.create({ id: 'east', nameEn: 'x', nameZh: 'x', queueIds: ['ghost'] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await t.store.teams.get('east')).toBeUndefined();
    expect((await t.store.teams.get('south'))?.nameEn).toBe('South');
    await t.store.teams.delete('south');
    await expect(t.store.teams.delete('south')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

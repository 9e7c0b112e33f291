import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeArticle, KnowledgeSearchResult } from '@omnicc/shared';
import { createPgKnowledgeStore } from '../src/adapters/db/knowledgeStore.js';
import { seedKnowledge } from '../src/seed/knowledgeSeed.js';
import { restCall } from './support/rest.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/**
 * The knowledge API over HTTP (docs/knowledge.md): search with marked
 * snippets and filters, reading counts a view, votes, the editors' CRUD
 * with its audit trail, and the coded refusals. Roles per route are the
 * role matrix's (adminRoles.test.ts); here, what they mean.
 */
describe('knowledge API', () => {
  let server: TestServer;
  let agent: string;
  let lead: string;
  let ids: Map<string, string>;
  const call = (token: string, method: string, path: string, body?: unknown) => restCall(server.url, method, path, token, body);
  const search = async (q: string, extra = '') => {
    const res = await call(agent, 'GET', `/api/knowledge/search?q=${encodeURIComponent(q)}${extra}`);
    expect(res.status, res.text).toBe(200);
    return res.json as unknown as KnowledgeSearchResult;
  };
  const audit = async (entityId: string) =>
    (await server.pool.query<{ action: string }>('SELECT action FROM kb_audit WHERE entity_id = $1 ORDER BY id', [entityId])).rows.map((r) => r.action);

  beforeAll(async () => {
    server = await startTestServer();
    const tina = (await server.store.users.findByUsername('tina'))!;
    ids = await seedKnowledge(createPgKnowledgeStore(server.pool), { actorId: tina.id, at: new Date().toISOString() });
    agent = (await server.login('alice')).token;
    lead = (await server.login('tina')).token;
  }, 60_000);
  afterAll(() => server.close());

  it('finds the broadband fault article first for 宽带 故障, with the terms marked as ranges and the category path', async () => {
    const { items, total } = await search('宽带 故障');
    expect(total).toBeGreaterThanOrEqual(4);
    const first = items[0]!;
    expect(first.id).toBe(ids.get('bb-down'));
    expect(first.categoryPath.map((c) => c.nameEn)).toEqual(['Broadband', 'Broadband faults']);
    expect(first.title.ranges.map((r) => first.title.text.slice(r.start, r.start + r.length))).toEqual(['宽带', '故障']);
    const marked = first.snippet.ranges.map((r) => first.snippet.text.slice(r.start, r.start + r.length));
    expect(marked.length).toBeGreaterThan(0);
    for (const m of marked) expect(['宽带', '故障']).toContain(m);
    // Plain text: nothing for the desk to read as markup.
    expect(JSON.stringify(items)).not.toMatch(/<mark|<\/?b>/);
  });

  it('filters by category (with its subcategories) and language, and pages', async () => {
    const categories = (await call(agent, 'GET', '/api/knowledge/categories')).json as { items: { id: string; nameEn: string }[] };
    const broadband = categories.items.find((c) => c.nameEn === 'Broadband')!;
    const inBroadband = await search('故障', `&categoryId=${broadband.id}`);
    expect(inBroadband.items.map((h) => h.id)).toContain(ids.get('bb-down'));
    expect(inBroadband.items.every((h) => h.categoryPath[0]?.nameEn === 'Broadband')).toBe(true);
    const english = await search('宽带 broadband', '&language=en');
    expect(english.items.map((h) => h.language)).toEqual(english.items.map(() => 'en'));
    const page2 = await search('宽带', '&limit=2&offset=2');
    const all = await search('宽带', '&limit=4');
    expect(page2.items.map((h) => h.id)).toEqual(all.items.slice(2, 4).map((h) => h.id));
  });

  it('refuses bad searches with BAD_REQUEST', async () => {
    for (const query of ['q=', 'q=%20%20', `q=${encodeURIComponent('？！😀')}`, 'q=a&limit=0', 'q=a&limit=51', 'q=a&categoryId=nope', `q=a&categoryId=${crypto.randomUUID()}`, 'q=a&language=fr', 'q=a&sort=x', `q=${'宽'.repeat(201)}`]) {
      const res = await call(agent, 'GET', `/api/knowledge/search?${query}`);
      expect([query, res.status, res.json?.error?.code]).toEqual([query, 400, 'BAD_REQUEST']);
    }
    expect((await restCall(server.url, 'GET', '/api/knowledge/search?q=a', 'not.a.token')).status).toBe(401);
  });

  it('counts a view when the desk reads an article, and keeps one vote per user', async () => {
    const id = ids.get('num-port')!;
    const read = await call(agent, 'GET', `/api/knowledge/articles/${id}`);
    expect(read.status).toBe(200);
    const again = (await call(agent, 'GET', `/api/knowledge/articles/${id}`)).json as unknown as KnowledgeArticle;
    expect(again.views).toBe((read.json as unknown as KnowledgeArticle).views + 1);
    expect((await call(agent, 'POST', `/api/knowledge/articles/${id}/feedback`, { helpful: true })).json).toEqual({ helpful: 1, notHelpful: 0 });
    expect((await call(agent, 'POST', `/api/knowledge/articles/${id}/feedback`, { helpful: false })).json).toEqual({ helpful: 0, notHelpful: 1 });
    expect((await call(lead, 'POST', `/api/knowledge/articles/${id}/feedback`, { helpful: false })).json).toEqual({ helpful: 0, notHelpful: 2 });
    expect((await call(agent, 'POST', `/api/knowledge/articles/${id}/feedback`, { helpful: 'yes' })).status).toBe(400);
    expect((await call(agent, 'POST', `/api/knowledge/articles/${crypto.randomUUID()}/feedback`, { helpful: true })).status).toBe(404);
  });

  it('lets a team lead draft, publish, edit, archive and delete, each audited, and search sees only published', async () => {
    const category = await call(lead, 'POST', '/api/admin/knowledge/categories', { nameZh: '测试类', nameEn: 'Test category' });
    expect(category.status).toBe(201);
    const categoryId = category.json!.id as string;
    const body = { categoryId, title: '光猫光信号闪红灯 test-zebra', body: '光信号闪红灯说明光纤断了。', language: 'zh-CN', tags: ['光猫'] };
    const created = await call(lead, 'POST', '/api/admin/knowledge/articles', body);
    expect([created.status, created.json?.status, created.json?.version]).toEqual([201, 'draft', 1]);
    const id = created.json!.id as string;
    expect((await search('zebra')).items).toEqual([]);
    expect((await call(agent, 'GET', `/api/knowledge/articles/${id}`)).status).toBe(404);

    expect((await call(lead, 'POST', `/api/admin/knowledge/articles/${id}/status`, { status: 'published' })).json?.status).toBe('published');
    expect((await search('zebra')).items.map((h) => h.id)).toEqual([id]);

    const edited = await call(lead, 'PUT', `/api/admin/knowledge/articles/${id}`, { ...body, title: '光猫红灯 test-zebra', version: 1 });
    expect([edited.status, edited.json?.version, edited.json?.status]).toEqual([200, 2, 'published']);
    const stale = await call(lead, 'PUT', `/api/admin/knowledge/articles/${id}`, { ...body, title: 'lost', version: 1 });
    expect([stale.status, stale.json?.error?.code]).toEqual([409, 'CONFLICT']);
    expect((await search('zebra')).items[0]?.title.text).toBe('光猫红灯 test-zebra');

    expect((await call(lead, 'DELETE', `/api/admin/knowledge/categories/${categoryId}`)).json?.error?.code).toBe('CONFLICT');
    await call(lead, 'POST', `/api/admin/knowledge/articles/${id}/status`, { status: 'archived' });
    expect((await search('zebra')).items).toEqual([]);
    expect((await call(lead, 'DELETE', `/api/admin/knowledge/articles/${id}`)).status).toBe(204);
    expect((await call(lead, 'DELETE', `/api/admin/knowledge/categories/${categoryId}`)).status).toBe(204);
    expect(await audit(id)).toEqual(['create', 'publish', 'update', 'archive', 'delete']);
    expect(await audit(categoryId)).toEqual(['create', 'delete']);
  });

  it('refuses bad writes with a coded error and writes nothing', async () => {
    const before = (await server.pool.query<{ n: number }>('SELECT (SELECT count(*) FROM kb_articles) + (SELECT count(*) FROM kb_audit) AS n')).rows[0]!.n;
    const categoryId = ids.size > 0 ? ((await call(agent, 'GET', '/api/knowledge/categories')).json as { items: { id: string }[] }).items[0]!.id : '';
    const good = { categoryId, title: 'T', body: 'B', language: 'zh-CN' };
    const cases: [unknown, number, string][] = [
      [{ ...good, body: '<script>alert(1)</script>' }, 400, 'BAD_REQUEST'],
      [{ ...good, title: '<b>bold</b>' }, 400, 'BAD_REQUEST'],
      [{ ...good, categoryId: crypto.randomUUID() }, 400, 'BAD_REQUEST'],
      [{ ...good, body: '   ' }, 400, 'BAD_REQUEST'],
      [{ ...good, language: 'fr' }, 400, 'BAD_REQUEST'],
      [{ ...good, tags: ['a', 'a'] }, 400, 'BAD_REQUEST'],
      [{ ...good, status: 'published' }, 400, 'BAD_REQUEST'],
    ];
    for (const [body, status, code] of cases) {
      const res = await call(lead, 'POST', '/api/admin/knowledge/articles', body);
      expect([JSON.stringify(body), res.status, res.json?.error?.code]).toEqual([JSON.stringify(body), status, code]);
    }
    expect((await call(agent, 'POST', '/api/admin/knowledge/articles', good)).status).toBe(403);
    const parent = ((await call(lead, 'POST', '/api/admin/knowledge/categories', { nameZh: '父', nameEn: 'Parent' })).json as { id: string }).id;
    const child = ((await call(lead, 'POST', '/api/admin/knowledge/categories', { nameZh: '子', nameEn: 'Child', parentId: parent })).json as { id: string }).id;
    const loop = await call(lead, 'PUT', `/api/admin/knowledge/categories/${parent}`, { nameZh: '父', nameEn: 'Parent', parentId: child });
    expect([loop.status, loop.json?.error?.code]).toEqual([400, 'BAD_REQUEST']);
    expect((await call(lead, 'POST', '/api/admin/knowledge/categories', { nameZh: 'x', nameEn: 'x', parentId: crypto.randomUUID() })).json?.error?.code).toBe('BAD_REQUEST');
    // Two categories and their two audit rows, nothing from the refusals.
    const after = (await server.pool.query<{ n: number }>('SELECT (SELECT count(*) FROM kb_articles) + (SELECT count(*) FROM kb_audit) AS n')).rows[0]!.n;
    expect(Number(after) - Number(before)).toBe(2);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDetail, FlowDraftSaved, FlowVersionView } from '@omnicc/shared';
import { startTestServer, type TestServer } from './support/testServer.js';
import { flowDoc, greetingFlow } from './support/flowDocs.js';

/**
 * The designer's API end to end (docs/flows-server.md): roles, coded
 * errors, drafts that may be invalid, publish refused while anything is
 * wrong, versions, diff and rollback. The full role matrix is in adminRoles.test.ts.
 */
describe('flows API', () => {
  let server: TestServer;
  let lead: string;
  let agent: string;
  beforeAll(async () => {
    server = await startTestServer();
    lead = (await server.login('tina')).token;
    agent = (await server.login('alice')).token;
  });
  afterAll(() => server.close());

  const call = async (method: string, path: string, token: string | undefined, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : undefined) as Record<string, unknown> & { error?: { code: string; message: string; details?: unknown } } };
  };

  it('answers 401 without a token, 403 to agents on designer routes, and the catalog to everyone', async () => {
    expect((await call('GET', '/api/flows', undefined)).status).toBe(401);
    expect((await call('GET', '/api/interactions/00000000-0000-0000-0000-000000000000/flow-run', undefined)).status).toBe(401);
    for (const [method, path, body] of [
      ['GET', '/api/flows', undefined],
      ['POST', '/api/flows', { document: greetingFlow('agent-made') }],
      ['POST', '/api/flows/agent-made/publish', { revision: 1, comment: 'x' }],
      ['GET', '/api/flow-bindings', undefined],
    ] as const) {
      const res = await call(method, path, agent, body);
      expect([path, res.status, res.json.error?.code]).toEqual([path, 403, 'FORBIDDEN']);
    }
    const catalog = await call('GET', '/api/flows/catalog', agent);
    expect(catalog.status).toBe(200);
    expect(catalog.json).toMatchObject({ addIns: [{ id: 'billing' }], queues: expect.arrayContaining([expect.objectContaining({ id: 'chat-general' })]) as unknown });
    expect((catalog.json.dispositions as { code: string }[]).map((d) => d.code)).toContain('resolved');
  });

  it('refuses an unparsable document with its zod issues, and saves a parsable invalid draft with its diagnostics', async () => {
    const bad = await call('POST', '/api/flows', lead, { document: { ...greetingFlow('bad-one'), nodes: [{ id: 'x', kind: 'teleport' }] } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'BAD_REQUEST', details: { issues: [expect.objectContaining({ path: expect.stringMatching(/^nodes\.0/) as unknown })] } });
    expect((await call('GET', '/api/flows/bad-one', lead)).status).toBe(404);

    const created = await call('POST', '/api/flows', lead, { document: greetingFlow('draft-one') });
    expect(created.status).toBe(201);
    expect(created.json as unknown as FlowDetail).toMatchObject({ key: 'draft-one', draftRevision: 1, liveVersion: null, diagnostics: [] });
    expect((await call('POST', '/api/flows', lead, { document: greetingFlow('draft-one') })).json.error?.code).toBe('CONFLICT');

    const invalid = flowDoc('draft-one', { nodes: [{ id: 'start', kind: 'start', position: { x: 0, y: 0 } }], edges: [] });
    const saved = await call('PUT', '/api/flows/draft-one/draft', lead, { revision: 1, document: invalid });
    expect(saved.status).toBe(200);
    const { revision, diagnostics } = saved.json as unknown as FlowDraftSaved;
    expect(revision).toBe(2);
    expect(diagnostics.map((d) => d.code)).toContain('no-end');
    // A second tab still at revision 1 does not overwrite it.
    const stale = await call('PUT', '/api/flows/draft-one/draft', lead, { revision: 1, document: greetingFlow('draft-one') });
    expect([stale.status, stale.json.error?.code]).toEqual([409, 'CONFLICT']);
    const other = await call('PUT', '/api/flows/draft-one/draft', lead, { revision: 2, document: greetingFlow('another-key') });
    expect([other.status, other.json.error?.code]).toEqual([400, 'BAD_REQUEST']);
    expect(((await call('GET', '/api/flows/draft-one', lead)).json as unknown as FlowDetail).draftRevision).toBe(2);
    expect((await call('PUT', '/api/flows/nope/draft', lead, { revision: 1, document: greetingFlow('nope') })).status).toBe(404);
  });

  it('refuses to publish while diagnostics or tests fail, then publishes, diffs and rolls back', async () => {
    const key = 'publish-one';
    await call('POST', '/api/flows', lead, { document: { ...greetingFlow(key), nodes: greetingFlow(key).nodes.map((n) => (n.kind === 'end' ? { ...n, disposition: 'noSuchCode' } : n)) } });
    const refused = await call('POST', `/api/flows/${key}/publish`, lead, { revision: 1, comment: '首版' });
    expect([refused.status, refused.json.error?.code]).toEqual([422, 'UNPROCESSABLE']);
    expect(refused.json.error?.details).toMatchObject({ diagnostics: [expect.objectContaining({ code: 'unknown-disposition', severity: 'error', nodeId: 'done' })] });

    // Valid now, but a test expects another disposition.
    const failingTest = { ...greetingFlow(key), tests: [{ id: 't1', name: 'greets and ends', context: {}, steps: [{ action: 'next', node: 'greet' }], effects: [], expect: { disposition: 'complaint' } }] };
    await call('PUT', `/api/flows/${key}/draft`, lead, { revision: 1, document: failingTest });
    const testsFail = await call('POST', `/api/flows/${key}/publish`, lead, { revision: 2, comment: '首版' });
    expect([testsFail.status, testsFail.json.error?.code]).toEqual([422, 'UNPROCESSABLE']);
    expect(testsFail.json.error?.details).toMatchObject({ diagnostics: [], tests: { passed: false, results: [expect.objectContaining({ testId: 't1', passed: false })] } });
    expect((await call('POST', `/api/flows/${key}/tests`, lead, {})).json).toMatchObject({ passed: false });

    const passing = { ...failingTest, tests: [{ ...failingTest.tests[0]!, expect: { disposition: 'resolved', path: ['start', 'greet', 'done'] } }] };
    await call('PUT', `/api/flows/${key}/draft`, lead, { revision: 2, document: passing });
    expect((await call('POST', `/api/flows/${key}/publish`, lead, { revision: 2, comment: 'stale' })).status).toBe(409);
    const v1 = await call('POST', `/api/flows/${key}/publish`, lead, { revision: 3, comment: '首版' });
    expect(v1.status).toBe(201);
    expect(v1.json as unknown as FlowVersionView).toMatchObject({ key, version: 1, live: true, comment: '首版', hash: expect.any(String) as unknown });

    await call('PUT', `/api/flows/${key}/draft`, lead, { revision: 3, document: { ...passing, nodes: passing.nodes.map((n) => (n.kind === 'script' ? { ...n, text: 'Changed' } : n)) } });
    const v2 = await call('POST', `/api/flows/${key}/publish`, lead, { revision: 4, comment: 'second' });
    expect(v2.status).toBe(201);
    const diff = await call('GET', `/api/flows/${key}/diff?from=1&to=2`, lead);
    expect(diff.status).toBe(200);
    expect(JSON.stringify(diff.json.diff)).toContain('greet');
    expect((await call('GET', `/api/flows/${key}/diff?from=1&to=draft`, lead)).status).toBe(200);
    expect((await call('GET', `/api/flows/${key}/diff?from=1&to=9`, lead)).status).toBe(404);
    expect((await call('GET', `/api/flows/${key}/diff?from=one&to=2`, lead)).status).toBe(400);

    const rolled = await call('POST', `/api/flows/${key}/rollback`, lead, { version: 1, comment: 'second one breaks' });
    expect(rolled.json).toMatchObject({ liveVersion: 1, latestVersion: 2 });
    const versions = await call('GET', `/api/flows/${key}/versions`, lead);
    expect((versions.json.items as FlowVersionView[]).map((v) => [v.version, v.live])).toEqual([
      [2, false],
      [1, true],
    ]);
    expect((await call('GET', `/api/flows/${key}/versions/1`, lead)).json).toMatchObject({ version: 1, document: { key } });
    expect((await call('GET', `/api/flows/${key}/versions/7`, lead)).status).toBe(404);
    expect((await call('POST', `/api/flows/${key}/rollback`, lead, { version: 7, comment: 'x' })).status).toBe(404);
    expect((await call('POST', `/api/flows/${key}/publish`, lead, { revision: 4 })).status).toBe(400);
  });

  it('binds flows with coded errors for duplicates and malformed bindings', async () => {
    await call('POST', '/api/flows', lead, { document: greetingFlow('bound-one') });
    const made = await call('POST', '/api/flow-bindings', lead, { flowKey: 'bound-one', queueId: 'chat-general' });
    expect(made.status).toBe(201);
    expect((await call('POST', '/api/flow-bindings', lead, { flowKey: 'bound-one', queueId: 'chat-general' })).json.error?.code).toBe('CONFLICT');
    expect((await call('POST', '/api/flow-bindings', lead, { flowKey: 'bound-one' })).status).toBe(400);
    expect((await call('POST', '/api/flow-bindings', lead, { flowKey: 'bound-one', queueId: 'no-such-queue' })).status).toBe(400);
    expect((await call('PUT', `/api/flow-bindings/${made.json.id as string}`, lead, { flowKey: 'bound-one', channel: 'chat', priority: 5 })).json).toMatchObject({ channel: 'chat', priority: 5 });
    expect((await call('DELETE', `/api/flow-bindings/${made.json.id as string}`, lead)).status).toBe(204);
    expect((await call('DELETE', `/api/flow-bindings/${made.json.id as string}`, lead)).status).toBe(404);
  });
});

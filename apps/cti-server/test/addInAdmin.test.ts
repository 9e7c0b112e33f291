import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddInView } from '@omnicc/shared';
import { restCall } from './support/rest.js';
import { probeManifest } from './support/addInManifests.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/**
 * The add-ins admin API's behaviour (the role matrix is adminRoles.test.ts):
 * the built-in billing add-in installed at start, install and update from a
 * manifest, refused manifests leave nothing behind, grants within the
 * manifest, the key sealed at rest, the flows catalog following enable and
 * grants, and the audit trail.
 */

let server: TestServer;
let root: string;
const ADD_INS = '/api/admin/add-ins';
const api = (method: string, path: string, body?: unknown) => restCall(server.url, method, path, root, body);
const ids = async () => ((await api('GET', ADD_INS)).json as { items: AddInView[] }).items.map((a) => a.id);
const catalogAddIns = async () => ((await api('GET', '/api/flows/catalog')).json as { addIns: { id: string; operations: { name: string }[] }[] }).addIns;

beforeAll(async () => {
  server = await startTestServer({ env: { OMNICC_BSS_URL: 'http://127.0.0.1:9', OMNICC_BSS_KEY: 'env-bss-key-123' } });
  root = (await server.login('root')).token;
});
afterAll(() => server.close());

describe('add-ins admin API', () => {
  it('lists the built-in billing add-in, installed and enabled at start, its URL and key from the environment', async () => {
    const billing = (await api('GET', `${ADD_INS}/billing`)).json as unknown as AddInView;
    expect(billing).toMatchObject({ id: 'billing', enabled: true, granted: ['customer.contact.read', 'billing.read'], baseUrl: null, effectiveBaseUrl: 'http://127.0.0.1:9', hasSecret: true, breaker: 'closed' });
    expect(JSON.stringify(billing)).not.toContain('env-bss-key-123');
  });

  it('refuses a manifest asking for an undeclared or unknown capability, and installs nothing', async () => {
    const unused = { ...probeManifest('greedy'), capabilities: ['customer.read', 'billing.read', 'customer.contact.read'] };
    const res = await api('POST', ADD_INS, { manifest: unused });
    expect(res.status).toBe(422);
    expect(res.json?.error).toMatchObject({ code: 'UNPROCESSABLE', details: { problems: [{ code: 'unused-capability', path: 'capabilities.2' }] } });
    const unknown = { ...probeManifest('greedy'), capabilities: ['customer.read', 'billing.read', 'agent.token'] };
    expect((await api('POST', ADD_INS, { manifest: unknown })).json?.error).toMatchObject({ code: 'UNPROCESSABLE', details: { problems: [{ code: 'unknown-capability' }] } });
    expect(await ids()).not.toContain('greedy');
  });

  it('installs disabled with nothing granted; enabling and granting put its operation in the flows catalog', async () => {
    const installed = (await api('POST', ADD_INS, { manifest: probeManifest('scores') })).json as unknown as AddInView;
    expect(installed).toMatchObject({ id: 'scores', version: '1.0.0', enabled: false, granted: [] });
    expect((await catalogAddIns()).map((a) => a.id)).toEqual(['billing']);
    await api('PUT', `${ADD_INS}/scores`, { enabled: true });
    expect((await catalogAddIns()).find((a) => a.id === 'scores')?.operations).toEqual([]);
    expect((await api('PUT', `${ADD_INS}/scores/grants`, { granted: ['billing.read', 'customer.read'] })).status).toBe(200);
    expect((await catalogAddIns()).find((a) => a.id === 'scores')?.operations.map((o) => o.name)).toEqual(['lookup']);
  });

  it('refuses to grant what the manifest does not ask for, and keeps the grants', async () => {
    const res = await api('PUT', `${ADD_INS}/scores/grants`, { granted: ['customer.contact.read'] });
    expect(res.json?.error).toMatchObject({ code: 'UNPROCESSABLE', details: { notRequested: ['customer.contact.read'] } });
    expect(((await api('GET', `${ADD_INS}/scores`)).json as unknown as AddInView).granted).toEqual(['billing.read', 'customer.read']);
  });

  it('an update keeps the state and narrows the grants to the new manifest', async () => {
    const v2 = { ...probeManifest('scores', '2.0.0'), capabilities: ['billing.read'], slots: [{ slot: 'flowAddInCall', capabilities: ['billing.read'] }] };
    const updated = (await api('POST', ADD_INS, { manifest: v2 })).json as unknown as AddInView;
    expect(updated).toMatchObject({ version: '2.0.0', enabled: true, granted: ['billing.read'] });
  });

  it('seals the key at rest and never returns it; disabling takes the add-in out of the catalog and its calls', async () => {
    const view = (await api('PUT', `${ADD_INS}/scores`, { baseUrl: 'http://127.0.0.1:8', secret: 'scores-secret-key' })).json as unknown as AddInView;
    expect(view).toMatchObject({ baseUrl: 'http://127.0.0.1:8', hasSecret: true });
    const stored = (await server.pool.query<{ secret_sealed: string }>("SELECT secret_sealed FROM add_ins WHERE id = 'scores'")).rows[0]?.secret_sealed;
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain('scores-secret-key');
    await api('PUT', `${ADD_INS}/scores`, { enabled: false });
    expect((await catalogAddIns()).map((a) => a.id)).toEqual(['billing']);
    expect((await api('POST', '/api/add-ins/scores/call/lookup', { input: { msisdn: '+8613800138000' } })).status).toBe(404);
  });

  it('audits every change with its actor', async () => {
    const rows = (await server.pool.query<{ action: string; actor_id: string | null }>("SELECT action, actor_id FROM add_in_audit WHERE add_in_id = 'scores' ORDER BY id")).rows;
    expect(rows.map((r) => r.action)).toEqual(['install', 'enable', 'grants', 'update', 'configure', 'disable']);
    expect(new Set(rows.map((r) => r.actor_id)).size).toBe(1);
    expect(JSON.stringify(rows)).not.toContain('scores-secret-key');
  });

  it('answers NOT_FOUND for an add-in that is not installed and BAD_REQUEST for an empty change', async () => {
    expect((await api('PUT', `${ADD_INS}/nothing-here`, { enabled: true })).status).toBe(404);
    expect((await api('PUT', `${ADD_INS}/scores`, {})).json?.error?.code).toBe('BAD_REQUEST');
  });
});

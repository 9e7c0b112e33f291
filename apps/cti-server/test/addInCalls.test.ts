import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBssSim, type BssSim } from '@omnicc/bss-sim';
import type { Interaction } from '@omnicc/shared';
import { createHash } from 'node:crypto';
import { restCall } from './support/rest.js';
import { connected, startTestServer, type AgentSocket, type TestServer } from './support/testServer.js';

/**
 * POST /api/add-ins/:id/call/:operation against the server with the billing
 * add-in pointed at a BSS simulator: who may call for which number, and how
 * the connector's failures reach the desktop (a coded error at once).
 */

const BSS_KEY = 'add-in-calls-test-key';
let sim: BssSim;
let server: TestServer;
let alice: string;
let bob: string;
let sam: string;
let socket: AgentSocket;
let interaction: Interaction;

const call = (token: string, body: unknown, addIn = 'billing', operation = 'lookupAccount') => restCall(server.url, 'POST', `/api/add-ins/${addIn}/call/${operation}`, token, body);

beforeAll(async () => {
  sim = await createBssSim({ port: 0, subscribers: 1_000, asOf: '2025-06-15', apiKey: BSS_KEY, adminKey: 'add-in-calls-test-admin' });
  server = await startTestServer({ env: { OMNICC_BSS_URL: sim.url, OMNICC_BSS_KEY: BSS_KEY } });
  [alice, bob, sam] = await Promise.all(['alice', 'bob', 'sam'].map(async (u) => (await server.login(u)).token)) as [string, string, string];
  socket = server.agent(alice);
  await connected(socket);
  await socket.emitWithAck('agent:setStatus', { status: 'ready' });
  // The test chat's customer gives +8613800138000: the BSS's demo VIP gold subscriber.
  const { offer } = await server.offeredChat(socket);
  const ack = await socket.emitWithAck('offer:accept', { offerId: offer.offerId });
  if (!ack.ok) throw new Error(ack.error.message);
  interaction = ack.value;
});
afterEach(() => sim.faults.clear());
afterAll(async () => {
  await server.close();
  await sim.close();
});

describe('who may call', () => {
  it('refuses a call without a token', async () => {
    const res = await fetch(`${server.url}/api/add-ins/billing/call/lookupAccount`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input: { msisdn: '13800138000' } }) });
    expect(res.status).toBe(401);
  });

  it("gives the agent holding the interaction its customer's account, whatever the number's spelling", async () => {
    for (const msisdn of ['+8613800138000', '008613800138000', '138 0013 8000']) {
      const res = await call(alice, { interactionId: interaction.id, input: { msisdn } });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ output: { planName: '全球通尊享套餐288元', overdueBills: 2 } });
    }
  });

  it('refuses an agent another number, no interaction, or an interaction it does not hold', async () => {
    expect((await call(alice, { interactionId: interaction.id, input: { msisdn: '+8613800138001' } })).status).toBe(403);
    expect((await call(alice, { input: { msisdn: '+8613800138000' } })).status).toBe(403);
    expect((await call(bob, { interactionId: interaction.id, input: { msisdn: '+8613800138000' } })).status).toBe(403);
  });

  it('lets a supervisor look any number up', async () => {
    const res = await call(sam, { input: { msisdn: '+8613800138001', limit: 2 } }, 'billing', 'recentBills');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ output: { count: 2 } });
  });
});

describe('bad input and failures', () => {
  it('an unknown add-in or operation is NOT_FOUND, a bad body BAD_REQUEST', async () => {
    expect((await call(sam, { input: { msisdn: '+8613800138000' } }, 'crm')).status).toBe(404);
    expect((await call(sam, { input: { msisdn: '+8613800138000' } }, 'billing', 'dropTables')).status).toBe(404);
    expect((await call(sam, { input: 'x' })).json?.error?.code).toBe('BAD_REQUEST');
    expect((await call(sam, { input: {} })).json?.error?.code).toBe('BAD_REQUEST');
  });

  it('a BSS answering HTML is a coded UNAVAILABLE with the add-in error BAD_RESPONSE', async () => {
    sim.faults.add({ mode: 'html' });
    const res = await call(sam, { input: { msisdn: '+8613800138002' } });
    expect(res.status).toBe(503);
    expect(res.json?.error).toMatchObject({ code: 'UNAVAILABLE', details: { addInError: 'BAD_RESPONSE' } });
  });

  it('a hanging BSS is UNAVAILABLE TIMEOUT within the budget, not a hung request', async () => {
    sim.faults.add({ mode: 'hang', hangMs: 10_000 });
    const res = await call(sam, { input: { msisdn: '+8613800138003' } });
    expect(res.json?.error).toMatchObject({ code: 'UNAVAILABLE', details: { addInError: 'TIMEOUT' } });
  });
});

describe('UI add-ins for the desk', () => {
  it('lists the slot\'s add-in pages with what each was granted for its slot', async () => {
    const res = await restCall(server.url, 'GET', '/api/add-ins?slot=customerCardSidebar', alice);
    expect(res.json).toEqual({ items: [{ id: 'billing', version: '1.0.0', name: { en: 'Billing (BSS)', 'zh-CN': '计费系统' }, slot: 'customerCardSidebar', entry: '/add-ins/billing/ui/index.html', granted: ['customer.contact.read', 'billing.read'] }] });
    expect((await restCall(server.url, 'GET', '/api/add-ins?slot=interactionToolbar', alice)).json).toEqual({ items: [] });
    expect((await restCall(server.url, 'GET', '/api/add-ins?slot=desktop', alice)).status).toBe(400);
    expect((await fetch(`${server.url}/api/add-ins?slot=customerCardSidebar`)).status).toBe(401);
  });

  it('serves the billing page with its own CSP: its inline script by hash, no requests, sandboxed, framed by us only', async () => {
    const res = await fetch(`${server.url}/add-ins/billing/ui/index.html`);
    const csp = res.headers.get('content-security-policy') ?? '';
    const html = await res.text();
    const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? '';
    expect(csp).toContain(`script-src 'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    expect(csp).toMatch(/connect-src 'none'/);
    expect(csp).toMatch(/sandbox allow-scripts(;|$)/);
    expect(csp).toMatch(/frame-ancestors 'self'/);
    expect(csp).not.toMatch(/unsafe-inline|allow-same-origin/);
  });
});

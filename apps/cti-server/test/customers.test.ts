import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerSummary, CustomerView, Offer } from '@omnicc/shared';
import { seededId } from '../src/seed/customerRows.js';
import { seedDemoCustomers } from '../src/seed/demoCustomers.js';
import { greetingFlow } from './support/flowDocs.js';
import { restCall } from './support/rest.js';
import { connected, next, startTestServer, type AgentSocket, type TestServer } from './support/testServer.js';

/** Customer ids of the BSS demo subscribers (seeded from their numbers). */
const DEMO_VIP_GOLD = seededId('+8613800138000');
const DEMO_SUSPENDED = seededId('+8613800138002');
const ENTERPRISE = seededId('enterprise:zhujiang-logistics');

describe('customers: identity, the 360 view, create / link / merge, roles', () => {
  let server: TestServer;
  let alice: { token: string; socket: AgentSocket };
  let bob: string;
  let sam: string;
  let tina: string;
  const call = (method: string, path: string, token: string, body?: unknown) => restCall(server.url, method, path, token, body);
  const view = async (id: string, token = sam) => (await call('GET', `/api/customers/${id}/view`, token)).json as unknown as CustomerView;

  /** Starts a chat from `phone` and waits for Alice's offer. */
  const offeredChat = async (phone: string, name = '访客'): Promise<Offer> => {
    const offered = next<Offer>(alice.socket, 'offer:new');
    const res = await fetch(`${server.url}/api/chat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ contact: { name, phone } }) });
    expect(res.status).toBe(201);
    return offered;
  };

  beforeAll(async () => {
    server = await startTestServer();
    const a = await server.login('alice');
    alice = { token: a.token, socket: server.agent(a.token) };
    await connected(alice.socket);
    await alice.socket.emitWithAck('agent:setStatus', { status: 'ready' });
    bob = (await server.login('bob')).token;
    sam = (await server.login('sam')).token;
    tina = (await server.login('tina')).token;
  });
  afterAll(() => server.close());

  it('pops the card for an unknown contact, creates the customer in one call, and resolves odd caller ID forms to it', async () => {
    const offer = await offeredChat('0086 139-0000-0001', '周杰');
    const id = offer.interaction.id;
    // Before the accept: the offered agent reads the card, another agent may not.
    const unknown = await call('GET', `/api/interactions/${id}/customer`, alice.token);
    expect(unknown.json).toEqual({ unknown: { name: '周杰', phone: expect.any(String) as unknown }, promotionMoment: false });
    expect((await call('GET', `/api/interactions/${id}/customer`, bob)).status).toBe(403);

    const bad = await call('POST', '/api/customers', alice.token, { name: '周杰', interactionId: id, contactPoints: [{ type: 'email', value: 'not-an-email' }] });
    expect([bad.status, bad.json?.error?.code]).toEqual([400, 'BAD_REQUEST']);
    const created = await call('POST', '/api/customers', alice.token, { name: '周杰', interactionId: id, contactPoints: [{ type: 'email', value: 'Zhou.Jie@Example.cn' }] });
    expect(created.status).toBe(201);
    const customer = created.json as unknown as CustomerSummary;
    expect(customer.contactPoints.map((p) => [p.type, p.value])).toEqual([
      ['email', 'zhou.jie@example.cn'],
      ['phone', '+8613900000001'],
    ]);
    const card = (await call('GET', `/api/interactions/${id}/customer`, alice.token)).json as unknown as CustomerView;
    expect(card.customer.id).toBe(customer.id);
    expect(card.promotionMoment).toBe(false);
    // Once its plan-change flow runs, the interaction is about a change of service.
    const by = { actorId: (await server.login('alice')).user.id, at: new Date().toISOString() };
    await server.app.flows.store.flows.create(greetingFlow('plan-change'), by);
    await server.app.flows.store.flows.publish('plan-change', { revision: 1, document: greetingFlow('plan-change'), hash: 'h1', comment: 'test' }, by);
    await server.pool.query(
      `INSERT INTO flow_runs (id, interaction_id, flow_key, version, state, status, step_count, started_at, updated_at) VALUES (gen_random_uuid(), $1, 'plan-change', 1, '{}', 'finished', 0, now(), now())`,
      [id],
    );
    expect(((await call('GET', `/api/interactions/${id}/customer`, alice.token)).json as unknown as CustomerView).promotionMoment).toBe(true);
    expect(card.timeline.map((t) => t.interactionId)).toEqual([id]);

    // The same contact again is a conflict, and nothing was written.
    const again = await call('POST', '/api/customers', sam, { name: 'Someone', contactPoints: [{ type: 'phone', value: '+86 139 0000 0001' }] });
    expect([again.status, again.json?.error?.code]).toEqual([409, 'CONFLICT']);
    expect((await call('GET', '/api/customers?query=Someone', sam)).json).toEqual({ items: [] });

    // A second channel from another form of the same number: resolved before the agent asks, on the same timeline.
    const second = await offeredChat('8613900000001');
    const resolved = await call('GET', `/api/interactions/${second.interaction.id}/customer`, alice.token);
    expect((resolved.json as unknown as CustomerView).customer.id).toBe(customer.id);
    expect((await view(customer.id)).timeline.map((t) => t.interactionId)).toEqual([second.interaction.id, id]);
    // The agent may read the customer of an interaction on their desk.
    expect((await call('GET', `/api/customers/${customer.id}/view`, alice.token)).status).toBe(200);
    expect((await call('GET', `/api/customers/${customer.id}/view`, bob)).status).toBe(403);
    for (const q of ['13900000001', '+86 139 0000 0001', 'ZHOU.JIE@example.cn', '周']) {
      expect(((await call('GET', `/api/customers?query=${encodeURIComponent(q)}`, alice.token)).json as { items: CustomerSummary[] }).items.map((c) => c.id)).toEqual([customer.id]);
    }
  });

  it('shows the demo VIP with tier, manager, lines, warnings, RFM slot, timeline and the best valid promotion', async () => {
    await seedDemoCustomers(server.pool);
    await seedDemoCustomers(server.pool); // idempotent
    const vip = await view(DEMO_VIP_GOLD);
    expect(vip.customer).toMatchObject({ name: '陈志强', tier: 'vipGold', region: 'guangzhou', vipManager: { name: expect.any(String) as unknown } });
    expect(vip.subscriptions).toEqual([expect.objectContaining({ msisdn: '+8613800138000', planCode: 'qqt-288', status: 'active' })]);
    expect(vip.warnings).toEqual(
      expect.arrayContaining([
        { kind: 'churnRisk', level: 'high', score: expect.any(Number) as unknown },
        { kind: 'contractEnding', what: '+8613800138000', endOn: expect.any(String) as unknown, daysLeft: 10 },
      ]),
    );
    // The higher-priority Spring Festival offer is out of its validity period.
    expect(vip.promotion?.code).toBe('vip-renewal-gift');
    expect(vip.timeline.map((t) => [t.channel, t.dispositionCode])).toEqual([
      ['voice', 'complaint'],
      ['chat', 'billingQuery'],
    ]);
    expect(vip).toMatchObject({ workOrders: [], billing: null, promotionMoment: false });

    const suspended = await view(DEMO_SUSPENDED);
    expect(suspended.warnings).toContainEqual({ kind: 'repeatedComplaints', count: 2, windowDays: 30 });
    expect(suspended.promotion?.code).toBe('upgrade-5g-smart');

    const enterprise = await view(ENTERPRISE);
    expect(enterprise.contracts).toEqual([expect.objectContaining({ contractNo: 'GZ-ENT-2024-0117', daysLeft: 20, expiring: true })]);
    expect(enterprise.warnings).toContainEqual({ kind: 'contractEnding', what: 'GZ-ENT-2024-0117', endOn: expect.any(String) as unknown, daysLeft: 20 });
    expect(enterprise.promotion?.code).toBe('enterprise-renewal');

    // The flows' customer.tier comes from the resolved customer.
    expect(await server.app.customers.tierOf({ id: '00000000-0000-4000-8000-00000000f10e', customer: { name: 'x', phone: '0086 138 0013 8001' } })).toBe('vipPlatinum');
    expect(await server.app.customers.tierOf({ id: '00000000-0000-4000-8000-00000000f10e', customer: { name: 'x', phone: 'anonymous' } })).toBeUndefined();
    // The e2e widget's usual number resolves to the VIP: linked in the background once the chat entered routing, before anyone asks.
    const offer = await offeredChat('13800138000');
    const stored = async () => (await server.pool.query<{ customer_id: string | null }>('SELECT customer_id FROM interactions WHERE id = $1', [offer.interaction.id])).rows[0]?.customer_id;
    for (let i = 0; i < 50 && !(await stored()); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await stored()).toBe(DEMO_VIP_GOLD);
    expect(((await call('GET', `/api/interactions/${offer.interaction.id}/customer`, alice.token)).json as unknown as CustomerView).customer.id).toBe(DEMO_VIP_GOLD);
  });

  it('links a contact to an existing customer and merges two records atomically, audited, for leads only', async () => {
    const made = await call('POST', '/api/customers', sam, { name: '陈志强 (duplicate)', contactPoints: [{ type: 'email', value: 'czq@example.cn' }] });
    const duplicate = (made.json as unknown as CustomerSummary).id;
    const linked = await call('POST', `/api/customers/${duplicate}/contact-points`, sam, { contactPoint: { type: 'phone', value: '020-8123 4567' } });
    expect((linked.json as unknown as CustomerSummary).contactPoints.map((p) => p.value)).toContain('+862081234567');
    const taken = await call('POST', `/api/customers/${duplicate}/contact-points`, sam, { contactPoint: { type: 'phone', value: '13800138000' } });
    expect([taken.status, taken.json?.error?.code]).toEqual([409, 'CONFLICT']);
    // An agent links only from an interaction they hold.
    expect((await call('POST', `/api/customers/${duplicate}/contact-points`, alice.token, { contactPoint: { type: 'phone', value: '13700000000' } })).status).toBe(403);

    expect((await call('POST', `/api/customers/${DEMO_VIP_GOLD}/merge`, alice.token, { from: duplicate })).status).toBe(403);
    expect((await call('POST', `/api/customers/${DEMO_VIP_GOLD}/merge`, tina, { from: DEMO_VIP_GOLD })).status).toBe(400);
    expect((await call('POST', `/api/customers/${DEMO_VIP_GOLD}/merge`, tina, { from: '00000000-0000-4000-8000-00000000dead' })).status).toBe(404);
    const merged = await call('POST', `/api/customers/${DEMO_VIP_GOLD}/merge`, tina, { from: duplicate });
    expect(merged.status).toBe(200);
    const survivor = merged.json as unknown as CustomerView;
    expect(survivor.customer.contactPoints.map((p) => p.value)).toEqual(expect.arrayContaining(['czq@example.cn', '+862081234567', '+8613800138000']));
    expect(survivor.customer.tier).toBe('vipGold');
    // The merged record reads as its survivor; merging it again is refused and changes nothing.
    expect((await view(duplicate)).customer.id).toBe(DEMO_VIP_GOLD);
    const twice = await call('POST', `/api/customers/${DEMO_VIP_GOLD}/merge`, tina, { from: duplicate });
    expect([twice.status, twice.json?.error?.code]).toEqual([409, 'INVALID_STATE']);
    const audit = await server.pool.query<{ customer_id: string; action: string }>('SELECT customer_id, action FROM customer_audit WHERE action LIKE $1 ORDER BY id', ['merged%']);
    expect(audit.rows).toEqual([
      { customer_id: DEMO_VIP_GOLD, action: 'mergedFrom' },
      { customer_id: duplicate, action: 'mergedInto' },
    ]);
    expect(((await call('GET', '/api/customers?query=czq@example.cn', sam)).json as { items: CustomerSummary[] }).items.map((c) => c.id)).toEqual([DEMO_VIP_GOLD]);
  });

  it('lets admins change the card rules and run the RFM job, and lists expiring contracts for staff', async () => {
    const root = (await server.login('root')).token;
    const settings = await call('GET', '/api/admin/customer-settings', sam);
    expect(settings.status).toBe(200);
    expect((await call('GET', '/api/admin/customer-settings', alice.token)).status).toBe(403);
    const changed = { ...settings.json, warnings: { ...(settings.json?.warnings as object), complaintCount: 1 } };
    expect((await call('PUT', '/api/admin/customer-settings', sam, changed)).status).toBe(403);
    expect((await call('PUT', '/api/admin/customer-settings', root, { ...changed, extra: 1 })).status).toBe(400);
    expect((await call('PUT', '/api/admin/customer-settings', root, changed)).status).toBe(200);

    expect((await call('POST', '/api/admin/customer-rfm/run', tina)).status).toBe(403);
    const run = await call('POST', '/api/admin/customer-rfm/run', root);
    expect(run.status).toBe(200);
    expect(run.json?.customers).toBeGreaterThanOrEqual(7);
    // The view shows the scores (the VIP pays every month: frequency at least 12).
    const vip = await view(DEMO_VIP_GOLD);
    expect(vip.rfm).toMatchObject({ segment: expect.any(String) as unknown, scores: { r: expect.any(Number) as unknown } });
    expect(vip.rfm?.frequency).toBeGreaterThanOrEqual(12);

    const expiring = await call('GET', '/api/admin/customer-contracts/expiring?days=30', tina);
    expect((expiring.json?.items as { contractNo: string; daysLeft: number; customerId: string }[]).map((k) => [k.contractNo, k.daysLeft, k.customerId])).toEqual([['GZ-ENT-2024-0117', 20, ENTERPRISE]]);
    expect(((await call('GET', '/api/admin/customer-contracts/expiring?days=10', tina)).json?.items as unknown[]).length).toBe(0);
    expect((await call('GET', '/api/admin/customer-contracts/expiring', alice.token)).status).toBe(403);
  });

  it('answers 401 without a token, 404 for unknown ids and 400 for bad input on every route', async () => {
    const unknown = '00000000-0000-4000-8000-00000000beef';
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/customers?query=x'],
      ['POST', '/api/customers', { name: 'x' }],
      ['POST', `/api/customers/${unknown}/contact-points`, { contactPoint: { type: 'phone', value: '13800000000' } }],
      ['POST', `/api/customers/${unknown}/merge`, { from: DEMO_VIP_GOLD }],
      ['GET', `/api/customers/${unknown}/view`],
      ['GET', `/api/interactions/${unknown}/customer`],
    ];
    for (const [method, path, body] of routes) expect((await call(method, path, 'not-a-token', body)).status, `${method} ${path}`).toBe(401);
    for (const [method, path, body] of routes.slice(2)) expect((await call(method, path, sam, body)).status, `${method} ${path}`).toBe(404);
    // Agents create and link only from an interaction on their desk.
    expect((await call('POST', '/api/customers', alice.token, { name: 'x' })).status).toBe(403);
    const bobs = (await server.pool.query<{ id: string }>("SELECT id FROM interactions WHERE agent_id IS NULL AND state = 'closed' LIMIT 1")).rows[0]?.id;
    expect((await call('POST', '/api/customers', alice.token, { name: 'x', interactionId: bobs })).status).toBe(403);
    expect((await call('POST', '/api/customers', alice.token, { name: 'x', interactionId: unknown })).status).toBe(404);
    expect((await call('GET', '/api/customers', sam)).status).toBe(400);
    expect((await call('POST', '/api/customers', sam, { name: 'x', extra: 1 })).status).toBe(400);
    expect((await call('POST', `/api/customers/${DEMO_VIP_GOLD}/contact-points`, sam, {})).status).toBe(400);
    expect((await call('GET', '/api/customers/not-a-uuid/view', sam)).status).toBe(400);
  });
});

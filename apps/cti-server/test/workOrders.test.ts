import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderDetail, WorkOrderEscalated, WorkOrderList } from '@omnicc/shared';
import { DEMO_FLOW_CATALOG, WORK_ORDER_NUMBER_OUTPUT } from '@omnicc/flows';
import { countRows } from '../src/adapters/db/testing.js';
import { DECLARED_WORK_ORDER_TYPES } from '../src/features/flows/flowCatalog.js';
import { restCall, type RestAnswer } from './support/rest.js';
import { connected, next, startTestServer, type TestServer } from './support/testServer.js';

const HOUR = 3_600_000;
const FAULT = { account: 'bb-0571-001', faultKind: '无法上网', contactPhone: '13800138000' };

describe('work orders (工单) over HTTP', () => {
  let server: TestServer;
  // The server's clock: the sweep's tests move it on.
  let now = Date.parse('2026-11-25T15:30:00Z'); // 23:30 in Shanghai: the number takes the operator's day
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const call = (who: string, method: string, path: string, body?: unknown): Promise<RestAnswer> => restCall(server.url, method, path, tokens[who] ?? 'nope', body);
  const detail = (a: RestAnswer) => a.json as unknown as WorkOrderDetail;
  /** An interaction held by `agent`, its customer resolved to a new customer record. */
  const interactionOf = async (agent: string, channel: 'chat' | 'email' = 'chat') => {
    const at = new Date(now).toISOString();
    const created = await server.store.interactions.create({ channel, queueId: channel === 'chat' ? 'chat-general' : 'email-general', customer: { name: '张三', phone: '+8613800138000' } }, at);
    await server.store.interactions.transition(created.id, { from: ['queued'], to: 'assigned', patch: { agentId: ids[agent]!, assignedAt: at } }, { type: 'assigned', at });
    const customer = await server.pool.query<{ id: string }>("INSERT INTO customers (name, created_at, updated_at) VALUES ('张三', now(), now()) RETURNING id");
    const customerId = customer.rows[0]!.id;
    await server.pool.query('UPDATE interactions SET customer_id = $1 WHERE id = $2', [customerId, created.id]);
    return { interactionId: created.id, customerId };
  };

  beforeAll(async () => {
    server = await startTestServer({
      clock: { now: () => now },
      // Tokens outlive the hours the sweep's test moves the clock on.
      env: { OMNICC_TIME_ZONE: 'Asia/Shanghai', OMNICC_TOKEN_TTL_SECONDS: '86400' },
      seed: async (store) => {
        await store.teams.create({ id: 'team-a', nameEn: 'Team A', nameZh: '一组', queueIds: ['chat-general'] });
        await store.teams.create({ id: 'team-b', nameEn: 'Team B', nameZh: '二组', queueIds: [] });
        for (const [name, team] of [['alice', 'team-a'], ['tina', 'team-a'], ['bob', 'team-b']] as const) {
          const u = await store.users.findByUsername(name);
          await store.agents.updateProfile(u!.id, { teamId: team, skills: [], capacity: { voice: 1, chat: 5, email: 5, sms: 5 } });
        }
      },
    });
    for (const name of ['alice', 'bob', 'tina', 'sam', 'root']) {
      const s = await server.login(name);
      tokens[name] = s.token;
      ids[name] = s.user.id;
    }
  });
  afterAll(() => server.close());

  it('the flow catalog takes its work-order types from the model, which agree with the flows package catalog', () => {
    expect(DECLARED_WORK_ORDER_TYPES).toEqual(DEMO_FLOW_CATALOG.workOrderTypes);
  });

  it('walks the closed loop: created from a chat (linked with its customer), accepted, processed, refused an unreachable move, reopened, closed; every change in the history', async () => {
    const { interactionId, customerId } = await interactionOf('alice');
    const created = await call('alice', 'POST', '/api/work-orders', { type: 'faultReport', fields: FAULT, interactionId, note: '客户来电报障' });
    expect(created.status).toBe(201);
    const wo = detail(created);
    expect(wo).toMatchObject({ number: 'WO-20261125-0001', state: 'requested', groupId: 'team-a', customerId, interactionIds: [interactionId], allowedMoves: ['accepted', 'rejected', 'cancelled'], version: 1 });
    expect(wo.acceptDueAt).toBe(new Date(now + 2 * HOUR).toISOString());
    expect(wo.resolveDueAt).toBe(new Date(now + 24 * HOUR).toISOString());
    // The customer card lists it among the customer's open orders.
    const card = await call('alice', 'GET', `/api/interactions/${interactionId}/customer`);
    expect((card.json as { workOrders?: { number: string }[] }).workOrders?.map((o) => o.number)).toEqual(['WO-20261125-0001']);

    const accepted = await call('tina', 'POST', `/api/work-orders/${wo.id}/transitions`, { to: 'accepted', version: 1 });
    expect(accepted.status).toBe(200);
    expect(detail(accepted)).toMatchObject({ state: 'accepted', assignee: { id: ids.tina }, version: 2 });
    // The page alice still has is stale.
    const stale = await call('alice', 'POST', `/api/work-orders/${wo.id}/transitions`, { to: 'processing', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json?.error?.code).toBe('CONFLICT');
    const invalid = await call('tina', 'POST', `/api/work-orders/${wo.id}/transitions`, { to: 'closed', version: 2 });
    expect(invalid.status).toBe(422);
    expect(invalid.json?.error).toMatchObject({ code: 'INVALID_TRANSITION', details: { from: 'accepted', to: 'closed', allowed: ['processing', 'cancelled'] } });
    expect(detail(await call('tina', 'GET', `/api/work-orders/${wo.id}`))).toMatchObject({ state: 'accepted', version: 2 });
    // From a page still at 申请: a move the order cannot make now is refused as such (it says where the order is), not as a stale write.
    expect((await call('alice', 'POST', `/api/work-orders/${wo.id}/transitions`, { to: 'accepted', version: 1 })).json?.error).toMatchObject({ code: 'INVALID_TRANSITION', details: { from: 'accepted' } });

    await call('tina', 'POST', `/api/work-orders/${wo.id}/transitions`, { to: 'processing', version: 2 });
    await call('tina', 'POST', `/api/work-orders/${wo.id}/transitions`, { to: 'feedback', version: 3, note: '已更换光猫' });
    const noReason = await call('tina', 'POST', `/api/work-orders/${wo.id}/transitions`, { to: 'processing', version: 4 });
    expect(noReason.json?.error?.code).toBe('BAD_REQUEST');
    await call('tina', 'POST', `/api/work-orders/${wo.id}/transitions`, { to: 'processing', version: 4, note: '客户反馈仍无法上网' });
    await call('alice', 'POST', `/api/work-orders/${wo.id}/notes`, { note: '已约明早上门' });
    await call('tina', 'POST', `/api/work-orders/${wo.id}/transitions`, { to: 'feedback', version: 6 });
    const closed = detail(await call('tina', 'POST', `/api/work-orders/${wo.id}/transitions`, { to: 'closed', version: 7 }));
    expect(closed).toMatchObject({ state: 'closed', allowedMoves: [] });
    expect(closed.history.map((h) => [h.kind, h.from ?? null, h.to ?? null, h.by?.displayName ?? null])).toEqual([
      ['created', null, 'requested', 'Alice'],
      ['transition', 'requested', 'accepted', 'Tina'],
      ['transition', 'accepted', 'processing', 'Tina'],
      ['transition', 'processing', 'feedback', 'Tina'],
      ['transition', 'feedback', 'processing', 'Tina'],
      ['note', null, null, 'Alice'],
      ['transition', 'processing', 'feedback', 'Tina'],
      ['transition', 'feedback', 'closed', 'Tina'],
    ]);
    expect(closed.history[4]?.note).toBe('客户反馈仍无法上网');
    const again = await call('tina', 'POST', `/api/work-orders/${wo.id}/transitions`, { to: 'processing', version: closed.version, note: 'x' });
    expect(again.json?.error).toMatchObject({ code: 'INVALID_TRANSITION', details: { allowed: [] } });
    // Closed: no longer open on the card.
    const after = await call('alice', 'GET', `/api/interactions/${interactionId}/customer`);
    expect((after.json as { workOrders?: unknown[] }).workOrders).toEqual([]);
  });

  it('refuses bad input with coded errors and writes nothing', async () => {
    const before = await countRows(server.pool, 'work_orders');
    const bad = await call('alice', 'POST', '/api/work-orders', { type: 'faultReport', fields: { faultKind: 'x', contactPhone: 'call me', colour: 'red' } });
    expect(bad.status).toBe(400);
    expect((bad.json?.error as { details?: { fields: { field: string }[] } }).details?.fields.map((f) => f.field).sort()).toEqual(['account', 'colour', 'contactPhone']);
    expect((await call('alice', 'POST', '/api/work-orders', { type: 'teleport', fields: {} })).status).toBe(400);
    expect((await call('alice', 'POST', '/api/work-orders', { type: 'cancel', fields: { msisdn: '13800138000' }, groupId: 'no-such-team' })).json?.error?.code).toBe('NOT_FOUND');
    expect(await countRows(server.pool, 'work_orders')).toBe(before);
  });

  it('enforces roles on the server: 401, 403 outside the group, 404, agents neither reject nor assign others', async () => {
    expect((await call('nobody', 'GET', '/api/work-orders')).status).toBe(401);
    const wo = detail(await call('alice', 'POST', '/api/work-orders', { type: 'cancel', fields: { msisdn: '13800138000' } }));
    expect((await call('bob', 'GET', `/api/work-orders/${wo.id}`)).status).toBe(403);
    expect((await call('bob', 'POST', `/api/work-orders/${wo.id}/transitions`, { to: 'accepted', version: 1 })).status).toBe(403);
    expect((await call('bob', 'GET', '/api/work-orders')).json).toMatchObject({ total: 0 });
    expect((await call('alice', 'GET', '/api/work-orders/8f9e3c7a-1111-4222-8333-944455556666')).status).toBe(404);
    expect((await call('alice', 'POST', `/api/work-orders/${wo.id}/transitions`, { to: 'rejected', version: 1, note: 'dup' })).status).toBe(403);
    expect((await call('alice', 'POST', `/api/work-orders/${wo.id}/assignment`, { assigneeId: ids.bob, version: 1 })).status).toBe(403);
    expect((await call('alice', 'POST', `/api/work-orders/${wo.id}/assignment`, { assigneeId: ids.alice, version: 1 })).status).toBe(200);
    // The team lead moves it to team B and Bob; now Bob sees it, supervisors and admins see everything.
    const moved = await call('tina', 'POST', `/api/work-orders/${wo.id}/assignment`, { groupId: 'team-b', assigneeId: ids.bob, version: 2 });
    expect(detail(moved)).toMatchObject({ groupId: 'team-b', assignee: { id: ids.bob, displayName: 'Bob' } });
    expect((await call('bob', 'GET', `/api/work-orders/${wo.id}`)).status).toBe(200);
    for (const who of ['sam', 'root']) expect((await call(who, 'GET', `/api/work-orders/${wo.id}`)).status).toBe(200);
  });

  it('lists with filters, paging and sorting', async () => {
    const all = (await call('root', 'GET', '/api/work-orders?sort=number&limit=2')).json as unknown as WorkOrderList;
    expect(all.total).toBeGreaterThanOrEqual(2);
    expect(all.items.map((i) => i.number)).toEqual(['WO-20261125-0001', 'WO-20261125-0002']);
    const faults = (await call('root', 'GET', '/api/work-orders?type=faultReport&state=closed')).json as unknown as WorkOrderList;
    expect(faults.items.map((i) => i.type)).toEqual(['faultReport']);
    const bobs = (await call('root', 'GET', `/api/work-orders?assigneeId=${ids.bob}`)).json as unknown as WorkOrderList;
    expect(bobs.items.map((i) => i.groupId)).toEqual(['team-b']);
    expect(((await call('root', 'GET', '/api/work-orders?createdFrom=2030-01-01T00:00:00Z')).json as unknown as WorkOrderList).total).toBe(0);
    expect((await call('root', 'GET', '/api/work-orders?state=nowhere')).status).toBe(400);
  });

  it('sweeps warnings at 80 % and escalations past due once, however often it runs', async () => {
    const wo = detail(await call('alice', 'POST', '/api/work-orders', { type: 'complaint', fields: { contactPhone: '13800138000', category: '资费', description: '多扣费' } }));
    expect(wo).toMatchObject({ priority: 'high', sla: 'ok' });
    const sweep = () => server.app.workOrders.sweeper.sweep();
    const marks = async () => (await server.pool.query<{ kind: string }>("SELECT kind FROM work_order_history WHERE work_order_id = $1 AND kind IN ('warning', 'escalated') ORDER BY id", [wo.id])).rows.map((r) => r.kind);
    now += 0.79 * HOUR; // complaint: accepted within 1 h
    await sweep();
    expect(await marks()).toEqual([]);
    now += 0.02 * HOUR;
    await sweep();
    await sweep();
    expect(await marks()).toEqual(['warning']);
    expect(detail(await call('alice', 'GET', `/api/work-orders/${wo.id}`))).toMatchObject({ sla: 'warning', warned: true, escalated: false });
    // Alice's group hears of the escalation on her socket.
    const socket = server.agent(tokens.alice!);
    await connected(socket);
    const pushed = next<WorkOrderEscalated>(socket, 'workOrder:escalated');
    now += 0.2 * HOUR;
    await sweep();
    await sweep();
    expect(await marks()).toEqual(['warning', 'escalated']);
    expect(await pushed).toEqual({ id: wo.id, number: wo.number, groupId: 'team-a' });
    const overdue = detail(await call('alice', 'GET', `/api/work-orders/${wo.id}`));
    expect(overdue).toMatchObject({ sla: 'overdue', escalated: true, priority: 'urgent' });
    const list = (await call('alice', 'GET', '/api/work-orders?overdue=true')).json as unknown as WorkOrderList;
    expect(list.items.map((i) => i.id)).toContain(wo.id);
  });

  it('creates from a flow node once per idempotency key, linked to the interaction and its customer, answering the number', async () => {
    const { interactionId, customerId } = await interactionOf('alice');
    const interaction = (await server.store.interactions.get(interactionId))!;
    const request = { kind: 'createWorkOrder' as const, nodeId: 'createOrder', idempotencyKey: 'run-1:4', workOrderType: 'faultReport', fields: { ...FAULT, description: null } };
    const first = await server.app.workOrders.flowEffect(request, interaction);
    expect(first).toMatchObject({ outcome: 'ok', output: { [WORK_ORDER_NUMBER_OUTPUT]: expect.stringMatching(/^WO-2026112[56]-\d{4}$/) as unknown } });
    const count = await countRows(server.pool, 'work_orders');
    // Performed again after a crash: the same order, nothing new.
    expect(await server.app.workOrders.flowEffect(request, interaction)).toEqual(first);
    expect(await countRows(server.pool, 'work_orders')).toBe(count);
    const number = (first as { output: Record<string, string> }).output[WORK_ORDER_NUMBER_OUTPUT];
    const row: unknown = (await server.pool.query('SELECT customer_id, origin_kind, origin_run_id, origin_node_id, created_by, group_id FROM work_orders WHERE number = $1', [number])).rows[0];
    expect(row).toEqual({ customer_id: customerId, origin_kind: 'flow', origin_run_id: 'run-1', origin_node_id: 'createOrder', created_by: ids.alice, group_id: 'team-a' });
    expect(await server.app.workOrders.flowEffect({ ...request, idempotencyKey: 'run-1:5', workOrderType: 'warp' }, interaction)).toMatchObject({ outcome: 'error', message: expect.stringContaining('warp') as unknown });
  });

  it('sends feedback by SMS through the outbox and records it', async () => {
    const wo = detail(await call('alice', 'POST', '/api/work-orders', { type: 'cancel', fields: { msisdn: '13800138000' } }));
    const sent = await call('alice', 'POST', `/api/work-orders/${wo.id}/feedback`, { channel: 'sms', text: '您的拆机工单已受理' });
    // No SMS gateway in this server: a clear UNAVAILABLE and nothing written.
    expect(sent.json?.error?.code).toBe('UNAVAILABLE');
    expect(await countRows(server.pool, "sms_messages WHERE automatic = 'workOrderFeedback'")).toBe(0);
    const email = await call('alice', 'POST', `/api/work-orders/${wo.id}/feedback`, { channel: 'email', text: 'x' });
    expect(email.json?.error?.code).toBe('INVALID_STATE');
  });
});

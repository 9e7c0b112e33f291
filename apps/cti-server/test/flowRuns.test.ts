import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowRunView, Interaction, Offer, StartChatResponse } from '@omnicc/shared';
import { compile, type FlowDocument } from '@omnicc/flows';
import { createPgSmsStore } from '../src/adapters/db/smsStore.js';
import { buildFlowCatalog } from '../src/features/flows/flowCatalog.js';
import { EFFECT_MESSAGES, FlowEffects, type FlowMessageSenders } from '../src/features/flows/flowEffects.js';
import { liveFlowEngine } from '../src/features/flows/flowEngineLive.js';
import { FlowRunService } from '../src/features/flows/flowRunService.js';
import { SmsConversations } from '../src/features/sms/smsConversations.js';
import { countRows } from '../src/adapters/db/testing.js';
import { restCall } from './support/rest.js';
import { connected, next, startTestServer, type AgentSocket, type TestServer } from './support/testServer.js';
import { flowDoc, serviceFlow, smsFlow } from './support/flowDocs.js';

/** Senders that must not be reached (the flows here that send are given real ones). */
const UNUSED: FlowMessageSenders = {
  sms: () => Promise.reject(new Error('no SMS here')),
  email: () => Promise.reject(new Error('no email here')),
};

describe('flow runs of accepted interactions', () => {
  let server: TestServer;
  let alice: { token: string; userId: string };
  let socket: AgentSocket;
  const by = () => ({ actorId: alice.userId, at: new Date().toISOString() });

  /** Stores, publishes and binds a flow as the designer would (the API's own checks are in flowsApi.test.ts). */
  const publishAndBind = async (doc: FlowDocument, binding: { queueId?: string; channel?: 'sms' | 'chat' }) => {
    const flows = server.app.flows.store;
    await flows.flows.create(doc, by());
    const { hash } = compile(doc, await buildFlowCatalog(server.store));
    await flows.flows.publish(doc.key, { revision: 1, document: doc, hash, comment: 'test' }, by());
    await flows.bindings.create({ flowKey: doc.key, priority: 0, ...binding }, by());
  };
  /** A run service of its own on the same database: what another node, or this one after a restart, has. */
  const anotherService = (senders: FlowMessageSenders = UNUSED, now = () => Date.now()) =>
    new FlowRunService({
      store: server.store,
      flows: server.app.flows.store,
      engine: liveFlowEngine,
      catalog: () => buildFlowCatalog(server.store),
      effects: new FlowEffects(senders),
      clock: { now },
      log: pino({ level: 'silent' }),
      timeZone: 'Asia/Shanghai',
      effectRetryMs: 0,
    });
  const run = (interactionId: string, token = alice.token) => restCall(server.url, 'GET', `/api/interactions/${interactionId}/flow-run`, token);
  const send = (interactionId: string, body: unknown, token = alice.token) => restCall(server.url, 'POST', `/api/interactions/${interactionId}/flow-run/events`, token, body);
  /** Accepts a new chat; resolves with it once its flow run was pushed. */
  const acceptChat = async (): Promise<{ interaction: Interaction; chat: StartChatResponse; pushed: FlowRunView }> => {
    const offered = next<Offer>(socket, 'offer:new');
    const chat = await server.startChat('张三');
    const offer = await offered;
    const pushed = next<FlowRunView>(socket, 'flow:run');
    const ack = await socket.emitWithAck('offer:accept', { offerId: offer.offerId });
    if (!ack.ok) throw new Error(ack.error.message);
    return { interaction: ack.value, chat, pushed: await pushed };
  };

  beforeAll(async () => {
    // Alice's team serves the VIP chat queue too, so a flow may transfer her chats there.
    server = await startTestServer({
      seed: async (store) => {
        await store.teams.create({ id: 'flow-team', nameEn: 'Flow team', nameZh: '流程组', queueIds: ['chat-general', 'chat-vip'] });
        const a = await store.users.findByUsername('alice');
        await store.agents.updateProfile(a!.id, { teamId: 'flow-team', skills: [], capacity: { voice: 1, chat: 5, email: 5, sms: 5 } });
      },
    });
    const session = await server.login('alice');
    alice = { token: session.token, userId: session.user.id };
    await publishAndBind(serviceFlow('broadband-fault'), { queueId: 'chat-general' });
    socket = server.agent(alice.token);
    await connected(socket);
    await socket.emitWithAck('agent:setStatus', { status: 'ready' });
  });
  afterAll(() => server.close());

  it('starts the bound flow on accept, advances and persists on events, refuses bad and stale ones, resumes after a restart and takes the reply', async () => {
    const { interaction, chat, pushed } = await acceptChat();
    expect(pushed).toMatchObject({ interactionId: interaction.id, flowKey: 'broadband-fault', version: 1, status: 'waiting', waiting: { kind: 'script', nodeId: 'greet', text: '您好 张三' } });
    expect(pushed.context).toMatchObject({ 'interaction.channel': 'chat', 'customer.name': '张三', 'agent.name': 'Alice' });

    expect((await send(interaction.id, { event: { type: 'next', nodeId: 'greet' } })).json).toMatchObject({ waiting: { kind: 'ask', nodeId: 'form' } });
    const before = (await run(interaction.id)).json as unknown as FlowRunView;

    const tooShort = await send(interaction.id, { event: { type: 'submit', nodeId: 'form', values: { account: 'ab' } } });
    expect([tooShort.status, tooShort.json?.error?.code]).toEqual([422, 'UNPROCESSABLE']);
    expect((tooShort.json?.error as { details?: unknown }).details).toMatchObject({ code: 'invalid-answer', fieldErrors: { account: { en: expect.any(String) as unknown, 'zh-CN': expect.any(String) as unknown } } });
    expect((await run(interaction.id)).json).toStrictEqual(before);
    expect((await send(interaction.id, { event: { type: 'next', nodeId: 'greet' } })).status).toBe(409);
    expect((await send(interaction.id, { event: { type: 'submit', nodeId: 'form', values: { account: 'abc123' } }, stepCount: before.steps.length - 1 })).status).toBe(409);
    expect((await send(interaction.id, { event: { type: 'reply', nodeId: 'wait', text: 'forged' } })).status).toBe(400);

    // The test server has no BSS configured (OMNICC_BSS_URL): the call takes its error branch with the reason, and the flow waits for the customer.
    const waiting = (await send(interaction.id, { event: { type: 'submit', nodeId: 'form', values: { account: 'abc123' } }, stepCount: before.steps.length })).json as unknown as FlowRunView;
    expect(waiting).toMatchObject({ status: 'waiting', waiting: { kind: 'waitReply', nodeId: 'wait' }, variables: { account: 'abc123' } });
    const lookup = waiting.steps.find((s) => s.nodeId === 'lookup');
    expect(lookup).toMatchObject({ port: 'error' });
    expect(JSON.stringify(lookup?.input)).toContain(EFFECT_MESSAGES.addInFailed('NOT_CONFIGURED', 'add-in billing has no base URL configured'));

    // Another node, or this one restarted, finds the run at the same step.
    const restarted = anotherService();
    expect(await restarted.view(interaction.id)).toStrictEqual(waiting);

    // The customer's next chat message is the reply it waits for.
    const customer = server.customer(chat.customerToken);
    await connected(customer);
    expect(await customer.emitWithAck('chat:send', { clientMessageId: 'cust-flow-1', text: '我家宽带又断了' })).toMatchObject({ ok: true });
    await expect.poll(async () => ((await run(interaction.id)).json as unknown as FlowRunView).status).toBe('finished');
    const finished = (await run(interaction.id)).json as unknown as FlowRunView;
    expect(finished).toMatchObject({ status: 'finished', disposition: 'followUp', variables: { reply: '我家宽带又断了' }, outcome: { kind: 'ended', nodeId: 'follow' } });
    expect(finished.steps.map((s) => s.nodeId)).toEqual(['start', 'greet', 'form', 'lookup', 'wait', 'follow']);
    const stored = await server.pool.query<{ node_id: string; port: string | null }>('SELECT node_id, port FROM flow_run_steps ORDER BY seq');
    expect(stored.rows.map((r) => [r.node_id, r.port])).toEqual(finished.steps.map((s) => [s.nodeId, s.port ?? null]));
    expect((await server.pool.query('SELECT disposition, status FROM flow_runs WHERE interaction_id = $1', [interaction.id])).rows).toEqual([{ disposition: 'followUp', status: 'finished' }]);

    // Who may read and answer it.
    const bob = (await server.login('bob')).token;
    expect((await run(interaction.id, bob)).status).toBe(403);
    expect((await send(interaction.id, { event: { type: 'next', nodeId: 'greet' } }, bob)).status).toBe(403);
    expect((await run(interaction.id, (await server.login('sam')).token)).status).toBe(200);
    expect((await run('00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });

  it('times a silent wait for the reply out on the sweep', async () => {
    const { interaction } = await acceptChat();
    await send(interaction.id, { event: { type: 'next', nodeId: 'greet' } });
    await send(interaction.id, { event: { type: 'submit', nodeId: 'form', values: { account: 'abc123' } } });
    expect((await run(interaction.id)).json).toMatchObject({ waiting: { kind: 'waitReply' } });
    // Nothing is due yet; a minute later the wait times out.
    await anotherService().sweep();
    expect((await run(interaction.id)).json).toMatchObject({ waiting: { kind: 'waitReply' } });
    await anotherService(UNUSED, () => Date.now() + 61_000).sweep();
    expect((await run(interaction.id)).json).toMatchObject({ status: 'finished', disposition: 'noResponse' });
  });

  it('sends a flow SMS through the real outbox once, however often the effect is performed, and refuses a channel that cannot carry it', async () => {
    await publishAndBind(smsFlow('sms-ack'), { channel: 'sms' });
    const sms = createPgSmsStore(server.pool);
    const conversations = new SmsConversations({ store: server.store, sms, channel: { enabled: true, gatewayName: 'test', wake: () => Promise.resolve() }, serviceNumber: '10086', maxParts: 5, clock: { now: () => Date.now() }, log: pino({ level: 'silent' }) });
    const senders: FlowMessageSenders = { sms: (agentId, id, body) => conversations.reply(agentId, id, body), email: UNUSED.email };
    const created = await server.store.interactions.create({ channel: 'sms', queueId: 'sms-general', customer: { name: '李四', phone: '+8613800138001' } }, new Date().toISOString());
    const at = new Date().toISOString();
    const assigned = await server.store.interactions.transition(created.id, { from: ['queued'], to: 'assigned', patch: { agentId: alice.userId, assignedAt: at } }, { type: 'assigned', at });

    const service = anotherService(senders);
    const started = await service.startFor(assigned);
    expect(started).toMatchObject({ flowKey: 'sms-ack', status: 'finished', disposition: 'resolved' });
    const outbox = await server.pool.query<{ text: string; interaction_id: string }>("SELECT text, interaction_id FROM sms_messages WHERE direction = 'out'");
    expect(outbox.rows).toEqual([{ text: '李四您好，您的报障已受理。', interaction_id: created.id }]);
    // A crash after sending and before the result was saved: the same request again stores nothing new.
    const request = { kind: 'sendMessage' as const, nodeId: 'sms', idempotencyKey: `${started!.runId}:sms:1`, channel: 'sms' as const, to: null, body: 'x' };
    const effects = new FlowEffects(senders);
    await effects.perform(request, assigned);
    await effects.perform(request, assigned);
    expect(await countRows(server.pool, "sms_messages WHERE direction = 'out'")).toBe(2);

    const chat = await server.store.interactions.create({ channel: 'chat', queueId: 'chat-general', customer: { name: 'C' } }, at);
    expect(await effects.perform(request, { ...chat, agentId: alice.userId })).toEqual({ outcome: 'error', message: EFFECT_MESSAGES.wrongChannel('sms', 'chat') });
    // Work orders are created by their feature (test/workOrders.test.ts); fields the type refuses are the step's error, in both languages.
    const withOrders = new FlowEffects(senders, undefined, (r, i) => server.app.workOrders.flowEffect(r, i));
    const refused = await withOrders.perform({ kind: 'createWorkOrder', nodeId: 'w', idempotencyKey: 'k:1', workOrderType: 'faultReport', fields: {} }, assigned);
    expect(refused).toMatchObject({ outcome: 'error', message: expect.stringContaining('请填写宽带账号') as unknown });
    expect(refused).toMatchObject({ message: expect.stringContaining('Broadband account is required') as unknown });
    expect(await countRows(server.pool, 'work_orders')).toBe(0);
  });

  it('hands the interaction to the queue a transfer node names, through routing', async () => {
    const toVip = flowDoc('to-vip', {
      nodes: [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
        { id: 'vip', kind: 'transfer', position: { x: 0, y: 100 }, queueId: 'chat-vip' },
      ],
      edges: ['start -> vip'],
    });
    await publishAndBind(toVip, { channel: 'chat' });
    // Above the chat-general binding of the other tests, for this chat only.
    const binding = (await server.app.flows.store.bindings.list()).find((b) => b.flowKey === 'to-vip')!;
    await server.app.flows.store.bindings.update(binding.id, { flowKey: 'to-vip', channel: 'chat', priority: 10 }, by());
    const { interaction, pushed } = await acceptChat();
    expect(pushed).toMatchObject({ flowKey: 'to-vip', status: 'finished', outcome: { kind: 'transferred', queueId: 'chat-vip' } });
    await expect.poll(async () => (await server.store.interactions.get(interaction.id))?.queueId).toBe('chat-vip');
    await server.app.flows.store.bindings.delete(binding.id, by());
  });
});

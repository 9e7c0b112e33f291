import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage, Interaction, Offer, Transcript } from '@omnicc/shared';
import { connected, next, startTestServer, type TestServer } from './support/testServer.js';

describe('web chat end to end over the real server', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('queues a chat, offers it to a ready agent, carries messages both ways, and stores the wrapped-up transcript', async () => {
    const session = await server.login('alice');
    const agent = server.agent(session.token);
    await connected(agent);

    const chat = await server.startChat('张三 <b>Zhang</b>');
    const customer = server.customer(chat.customerToken);
    await connected(customer);
    const early = await customer.emitWithAck('chat:send', { clientMessageId: 'cust-0001', text: 'Hello, is anyone there?' });
    expect(early).toMatchObject({ ok: true, value: { sender: 'customer', delivery: 'sent' } });

    const offerPush = next<Offer>(agent, 'offer:new');
    expect(await agent.emitWithAck('agent:setStatus', { status: 'ready' })).toMatchObject({ ok: true, value: { status: 'ready', chosen: 'ready' } });
    const offer = await offerPush;
    expect(offer.interaction).toMatchObject({ id: chat.interactionId, state: 'offered', customer: { name: '张三 <b>Zhang</b>' } });

    const ended = next<{ reason: string }>(agent, 'offer:ended');
    const customerState = next<{ state: string; agentName?: string }>(customer, 'chat:state');
    const accepted = await agent.emitWithAck('offer:accept', { offerId: offer.offerId });
    expect(accepted).toMatchObject({ ok: true, value: { state: 'assigned' } });
    expect((await ended).reason).toBe('accepted');
    expect(await customerState).toEqual({ state: 'assigned', agentName: 'Alice' });
    // A second accept is idempotent: same interaction, no error.
    expect(await agent.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: true, value: { id: chat.interactionId } });

    const snapshot = await agent.emitWithAck('agent:snapshot', {});
    if (!snapshot.ok) throw new Error('snapshot failed');
    expect(snapshot.value.interactions.map((i) => i.id)).toEqual([chat.interactionId]);
    expect(snapshot.value.messages[chat.interactionId]?.map((m) => m.text)).toEqual(['Hello, is anyone there?']);

    // customer -> agent, with typing and a delivered receipt back to the customer
    const typing = next<{ interactionId: string; typing: boolean }>(agent, 'chat:typing');
    await customer.emitWithAck('chat:typing', { typing: true });
    expect(await typing).toEqual({ interactionId: chat.interactionId, typing: true });
    const atAgent = next<ChatMessage>(agent, 'chat:message');
    const sent = await customer.emitWithAck('chat:send', { clientMessageId: 'cust-0002', text: '<img src=x onerror=alert(1)> my bill?' });
    expect(sent).toMatchObject({ ok: true, value: { delivery: 'delivered' } });
    expect((await atAgent).text).toBe('<img src=x onerror=alert(1)> my bill?');

    // agent -> customer, then the customer reads it and the agent sees "read"
    const atCustomer = next<ChatMessage>(customer, 'chat:message');
    const reply = await agent.emitWithAck('chat:send', { interactionId: chat.interactionId, clientMessageId: 'agent-0001', text: 'Your balance is ¥42.' });
    if (!reply.ok) throw new Error(reply.error.message);
    expect((await atCustomer).id).toBe(reply.value.id);
    const readReceipt = next<{ messageIds: string[]; delivery: string }>(agent, 'chat:receipt');
    await customer.emitWithAck('chat:read', { upToMessageId: reply.value.id });
    expect(await readReceipt).toMatchObject({ messageIds: [reply.value.id], delivery: 'read' });

    // A retried send (same clientMessageId) is not stored twice.
    const retry = await agent.emitWithAck('chat:send', { interactionId: chat.interactionId, clientMessageId: 'agent-0001', text: 'Your balance is ¥42.' });
    expect(retry).toMatchObject({ ok: true, value: { id: reply.value.id } });

    const endState = next<{ state: string }>(customer, 'chat:state');
    expect(await agent.emitWithAck('interaction:end', { interactionId: chat.interactionId })).toMatchObject({ ok: true, value: { state: 'wrapUp' } });
    expect((await endState).state).toBe('wrapUp');
    expect(await customer.emitWithAck('chat:send', { clientMessageId: 'cust-0003', text: 'late' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });

    const wrapped = await agent.emitWithAck('interaction:wrapUp', { interactionId: chat.interactionId, dispositionCode: 'billingQuery', note: 'Told balance' });
    expect(wrapped).toMatchObject({ ok: true, value: { state: 'closed', dispositionCode: 'billingQuery', wrapUpNote: 'Told balance' } });

    const res = await fetch(`${server.url}/api/interactions/${chat.interactionId}/transcript`, { headers: { authorization: `Bearer ${session.token}` } });
    expect(res.status).toBe(200);
    const transcript = (await res.json()) as Transcript;
    expect(transcript.interaction.state).toBe('closed');
    expect(transcript.messages.map((m) => [m.sender, m.text])).toEqual([
      ['customer', 'Hello, is anyone there?'],
      ['customer', '<img src=x onerror=alert(1)> my bill?'],
      ['agent', 'Your balance is ¥42.'],
      ['system', 'agentEnded'],
    ]);
    const events = await server.store.interactions.events(chat.interactionId);
    expect(events.map((e) => e.type)).toEqual(['created', 'offered', 'assigned', 'ended', 'wrappedUp']);
  });

  it('lets a reloaded customer rejoin the same conversation with its token', async () => {
    const chat = await server.startChat();
    const first = server.customer(chat.customerToken);
    await connected(first);
    await first.emitWithAck('chat:send', { clientMessageId: 'cust-a001', text: 'before reload' });
    first.disconnect();
    const again = server.customer(chat.customerToken);
    await connected(again);
    const history = await again.emitWithAck('chat:history', {});
    expect(history).toMatchObject({ ok: true, value: { chat: { state: 'queued' }, messages: [{ text: 'before reload' }] } });
  });

  it('re-queues a rejected offer and offers it to another ready agent', async () => {
    const alice = server.agent((await server.login('alice')).token);
    const bob = server.agent((await server.login('bob')).token);
    await Promise.all([connected(alice), connected(bob)]);
    await alice.emitWithAck('agent:setStatus', { status: 'ready' });
    const { chat, offer } = await server.offeredChat(alice);
    await bob.emitWithAck('agent:setStatus', { status: 'ready' });
    // Bob cannot act on Alice's offer.
    expect(await bob.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: false, error: { code: 'NOT_OWNER' } });
    const toBob = next<Offer>(bob, 'offer:new');
    expect(await alice.emitWithAck('offer:reject', { offerId: offer.offerId })).toMatchObject({ ok: true });
    expect((await toBob).interaction.id).toBe(chat.interactionId);
    expect(await alice.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });

  it('withdraws the offer when the agent disconnects, and counts a customer who leaves while queued as abandoned', async () => {
    const alice = server.agent((await server.login('alice')).token);
    await connected(alice);
    await alice.emitWithAck('agent:setStatus', { status: 'ready' });
    const { chat } = await server.offeredChat(alice);
    alice.disconnect();
    await expect.poll(async () => (await server.store.interactions.get(chat.interactionId))?.state).toBe('queued');
    const customer = server.customer(chat.customerToken);
    await connected(customer);
    expect(await customer.emitWithAck('chat:leave', {})).toMatchObject({ ok: true, value: { state: 'abandoned' } });
    expect(server.app.owner.routing()?.whereIs(chat.interactionId)).toBeUndefined();
  });

  it('moves a chat to wrap-up when the customer leaves mid-conversation and tells the agent', async () => {
    const alice = server.agent((await server.login('alice')).token);
    await connected(alice);
    await alice.emitWithAck('agent:setStatus', { status: 'ready' });
    const { chat, offer } = await server.offeredChat(alice);
    await alice.emitWithAck('offer:accept', { offerId: offer.offerId });
    const customer = server.customer(chat.customerToken);
    await connected(customer);
    const updated = next<Interaction>(alice, 'interaction:updated');
    await customer.emitWithAck('chat:leave', {});
    expect(await updated).toMatchObject({ id: chat.interactionId, state: 'wrapUp' });
  });
});

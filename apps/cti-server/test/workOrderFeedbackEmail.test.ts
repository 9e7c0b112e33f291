import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailConversation, Offer, WorkOrderDetail } from '@omnicc/shared';
import { addSupportMailbox, startEmailWorld, type EmailWorld } from './support/emailWorld.js';
import { eventually, mail } from './support/mailFixtures.js';
import { dovecotMissing } from './support/mailPeers.js';
import { restCall } from './support/rest.js';
import { connected, next } from './support/testServer.js';

const missing = dovecotMissing();

/**
 * Work-order feedback by email on a real email conversation (Dovecot in,
 * SMTP out): the reply goes on the order's email thread, under its ticket,
 * to the customer, through the email outbox, and is in the order's history.
 */
describe.skipIf(missing !== undefined)(missing ? `work-order feedback by email (skipped: ${missing})` : 'work-order feedback by email', () => {
  let world: EmailWorld;
  let token: string;
  let conversationId: string;
  const api = (method: string, path: string, body?: unknown) => restCall(world.server.url, method, path, token, body);

  beforeAll(async () => {
    world = await startEmailWorld();
    await addSupportMailbox(world);
    token = (await world.server.login('alice')).token;
    const alice = world.server.agent(token);
    await connected(alice);
    await alice.emitWithAck('agent:setStatus', { status: 'ready' });
    const offered = next<Offer>(alice, 'offer:new', 10_000);
    await world.dovecot.deliver(mail({ from: '王五 <wang.wu@customer.example>', subject: '申请拆机 Cancel my line', text: '请帮我办理 13800138000 拆机。' }));
    const offer = await offered;
    conversationId = offer.interaction.id;
    expect(await alice.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: true });
  }, 30_000);
  afterAll(() => world?.stop());

  it('answers on the thread of the linked email interaction and records it', async () => {
    const created = await api('POST', '/api/work-orders', { type: 'cancel', fields: { msisdn: '13800138000' }, interactionId: conversationId });
    expect(created.status, created.text).toBe(201);
    const order = created.json as unknown as WorkOrderDetail;
    const text = `您的拆机工单 ${order.number} 已受理。`;
    const sent = await api('POST', `/api/work-orders/${order.id}/feedback`, { channel: 'email', text });
    expect(sent.status, sent.text).toBe(200);
    const feedback = (sent.json as unknown as WorkOrderDetail).history.at(-1);
    expect(feedback).toMatchObject({ kind: 'feedback', note: text, data: { channel: 'email', to: 'wang.wu@customer.example', interactionId: conversationId } });
    const { ticketRef } = (await api('GET', `/api/interactions/${conversationId}/email`)).json as EmailConversation;
    const received = await eventually(async () => {
      const parsed = await Promise.all(world.smtp.received.map((m) => simpleParser(m.raw)));
      return parsed.find((m) => m.text?.includes(order.number));
    }, 10_000, 'the feedback at the SMTP server');
    expect(received.text?.trim()).toBe(text);
    expect(received.subject).toContain(ticketRef);
    expect(received.to).toMatchObject({ value: [{ address: 'wang.wu@customer.example' }] });
  });
});

import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CannedResponseList, EmailConversation, Offer } from '@omnicc/shared';
import { cannedDate } from '../src/features/cannedResponses/cannedResponsePicker.js';
import { seedDemoCannedResponses } from '../src/seed/demoCannedResponses.js';
import { addSupportMailbox, startEmailWorld, type EmailWorld } from './support/emailWorld.js';
import { eventually, mail, SUPPORT_ADDRESS } from './support/mailFixtures.js';
import { dovecotMissing } from './support/mailPeers.js';
import { restCall } from './support/rest.js';
import { connected, next } from './support/testServer.js';

const missing = dovecotMissing();

/**
 * The picker on a real email conversation (Dovecot in, SMTP out): the demo's
 * responses rendered with the thread's ticket reference, the mailbox's
 * address, the sender's name and the agent's, and the rendered text sent
 * as the reply is what reaches the customer.
 */
describe.skipIf(missing !== undefined)(missing ? `canned responses on email (skipped: ${missing})` : 'canned responses rendered for an email conversation', () => {
  let world: EmailWorld;
  let aliceToken: string;
  let conversationId: string;
  const api = (method: string, path: string, token: string, body?: unknown) => restCall(world.server.url, method, path, token, body);

  beforeAll(async () => {
    world = await startEmailWorld();
    const { server, dovecot } = world;
    await seedDemoCannedResponses(server.store);
    await addSupportMailbox(world);
    aliceToken = (await server.login('alice')).token;
    const alice = server.agent(aliceToken);
    await connected(alice);
    expect(await alice.emitWithAck('agent:setStatus', { status: 'ready' })).toMatchObject({ ok: true });
    const offered = next<Offer>(alice, 'offer:new', 10_000);
    await dovecot.deliver(mail({ from: '王五 <wang.wu@customer.example>', subject: '宽带断网 Broadband down', text: '家里宽带从昨晚开始断网。' }));
    const offer = await offered;
    conversationId = offer.interaction.id;
    expect(await alice.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: true });
  }, 30_000);
  afterAll(() => world?.stop());

  it("fills the ticket, the mailbox, the customer's and the agent's names; the chat-only ones are not offered", async () => {
    const { ticketRef } = (await api('GET', `/api/interactions/${conversationId}/email`, aliceToken)).json as EmailConversation;
    expect(ticketRef).toMatch(/^T-\d+$/);
    const picked = await api('GET', `/api/canned-responses?channel=email&interactionId=${conversationId}&lang=zh-CN`, aliceToken);
    expect(picked.status, picked.text).toBe(200);
    const list = picked.json as CannedResponseList;
    expect(list.interactionId).toBe(conversationId);
    expect(list.items.map((i) => `${i.language} ${i.category} ${i.id}`)).toEqual([
      // Chinese first, categories and titles by pinyin (服务 fú, 宽带 kuān, 账单 zhàng; 退款说明 tuì before 账单核实 zhàng), then English.
      'zh-CN 服务 closing-zh',
      'zh-CN 宽带 broadbandFault-zh',
      'zh-CN 账单 refundNextBill-zh',
      'zh-CN 账单 billChecked-zh',
      'en Billing billChecked-en',
      'en Billing refundNextBill-en',
      'en Broadband broadbandFault-en',
      'en Service closing-en',
    ]);
    const fault = list.items.find((i) => i.id === 'broadbandFault-zh');
    const expected = `王五您好：\n\n您的宽带故障申告已受理，受理编号 ${ticketRef}。装维工程师将在24小时内与您联系并预约上门检修，请保持电话畅通。如故障已自行恢复，直接回复本邮件告知即可。\n\nAlice\n${SUPPORT_ADDRESS}`;
    expect(fault).toStrictEqual({ id: 'broadbandFault-zh', language: 'zh-CN', category: '宽带', title: '宽带报障受理', text: expected, length: expected.length, missing: [] });
    const refund = list.items.find((i) => i.id === 'refundNextBill-en');
    expect(refund?.text).toBe(`Dear 王五, we have confirmed the double charge. The amount will be refunded on your next bill; there is nothing you need to do. Alice, ${cannedDate(Date.now(), 'Asia/Shanghai', 'en')}`);
    expect(list.items.every((i) => i.missing.length === 0)).toBe(true);
  });

  it('sends exactly the rendered text when the agent replies with it', async () => {
    const list = (await api('GET', `/api/canned-responses?channel=email&interactionId=${conversationId}`, aliceToken)).json as CannedResponseList;
    const text = list.items.find((i) => i.id === 'broadbandFault-en')?.text ?? '';
    expect(text).toContain(SUPPORT_ADDRESS);
    const posted = await api('POST', `/api/interactions/${conversationId}/email/reply`, aliceToken, { clientMessageId: 'canned-1', text });
    expect(posted.status, posted.text).toBe(201);
    const sent = await eventually(async () => {
      const parsed = await Promise.all(world.smtp.received.map((m) => simpleParser(m.raw)));
      return parsed.find((m) => m.text?.includes('broadband fault report'));
    }, 10_000, 'the reply at the SMTP server');
    expect(sent.text?.trim()).toBe(text.trim());
  });
});

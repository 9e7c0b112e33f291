import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SmsMessageView } from '@omnicc/shared';
import { eventually } from './support/mailFixtures.js';
import { restCall, type RestAnswer } from './support/rest.js';
import { useSmsWorld, type SmsWorld } from './support/smsWorld.js';

const ESME_ROK = 0;
const LONG_CHINESE = '您好，我们已经核实了您上个月的账单。国际漫游费用是系统错误产生的，我们已经为您申请了全额退款，款项将在三到五个工作日内退回您的话费账户。如果您还有其他问题，请随时回复本短信或拨打客服热线一零零八六，我们很乐意为您服务。另外，本月起您的套餐已自动升级为五十元档，流量翻倍且月费不变，无需办理任何手续。祝您生活愉快！';

/**
 * Agent replies by SMS in a running server: the conversation read over
 * REST, a reply stored then submitted over SMPP to the SMSC simulator,
 * receipts stored and pushed, and the coded errors of the reply route.
 */
describe('SMS replies: conversation, submit over SMPP, receipts, coded errors', () => {
  let w: SmsWorld;

  const row = async (id: string) =>
    (await w.server.pool.query<{ delivery_status: string; gateway_message_ids: string[]; part_states: string[]; attempts: number; last_error: string | null; parts: number }>('SELECT * FROM sms_messages WHERE id = $1', [id])).rows[0];
  const statusesOf = (id: string) => w.pushed.statuses.filter((s) => s.messageId === id).map((s) => s.delivery);
  const delivered = (id: string) => eventually(async () => (await row(id))?.delivery_status === 'delivered', 5000, `message ${id} delivered`);
  const posted = async (interactionId: string, body: { clientMessageId: string; text: string }): Promise<SmsMessageView> => {
    const answer = await w.reply(interactionId, body);
    expect(answer.status, answer.text).toBe(201);
    return answer.json as unknown as SmsMessageView;
  };

  useSmsWorld({ OMNICC_SMS_MAX_PARTS: '3' }, (world) => (w = world));

  it("lists the number's messages, earlier conversations included, for its agent and for supervisors only", async () => {
    const first = await w.conversationWith('+8613900000001', '第一次来信');
    await w.closeConversations();
    const second = await w.conversationWith('+8613900000001', '第二次来信');
    expect(second).not.toBe(first);
    const view = await w.conversation(second);
    expect(view).toMatchObject({ interactionId: second, number: '+8613900000001', maxParts: 3, truncated: false });
    expect(view.messages.map((m) => [m.interactionId, m.direction, m.text])).toEqual([
      [first, 'in', '第一次来信'],
      [second, 'in', '第二次来信'],
    ]);
    const bob = (await w.server.login('bob')).token;
    expect((await restCall(w.server.url, 'GET', `/api/interactions/${second}/sms`, bob)).json?.error?.code).toBe('FORBIDDEN');
    expect((await w.conversation(second, (await w.server.login('sam')).token)).messages).toHaveLength(2);
    const sam = (await w.server.login('sam')).token;
    expect((await restCall(w.server.url, 'GET', `/api/interactions/${randomUUID()}/sms`, sam)).json?.error?.code).toBe('NOT_FOUND');
    const chat = await w.server.startChat();
    expect((await restCall(w.server.url, 'GET', `/api/interactions/${chat.interactionId}/sms`, sam)).json?.error?.code).toBe('BAD_REQUEST');
  });

  it('submits the reply over SMPP, pushes it to the agent, and stores it delivered when the receipt comes', async () => {
    const interactionId = await w.conversationWith('+8613900000002');
    const reply = await posted(interactionId, { clientMessageId: 'reply-0002', text: '  Your bill is corrected. ' });
    expect(reply).toMatchObject({ interactionId, direction: 'out', number: '+8613900000002', text: 'Your bill is corrected.', parts: 1, delivery: 'pending', clientMessageId: 'reply-0002' });
    // The agent's other tabs see the reply too.
    await eventually(() => w.pushed.messages.some((m) => m.id === reply.id), 2000, 'the sms:message push');
    await delivered(reply.id);
    await eventually(() => statusesOf(reply.id).includes('delivered'), 2000, 'the sms:status push');
    expect(statusesOf(reply.id)).toEqual(['submitted', 'delivered']);
    const submits = w.smsc.submits.filter((s) => s.destination === '8613900000002');
    expect(submits).toMatchObject([{ text: 'Your bill is corrected.', sourceAddr: '10086', destTon: 1, dataCoding: 0, registeredDelivery: 1 }]);
    expect(await row(reply.id)).toMatchObject({ gateway_message_ids: [submits[0]?.messageId], part_states: ['delivered'], attempts: 1 });
    const shown = (await w.conversation(interactionId)).messages.at(-1);
    expect(shown).toMatchObject({ id: reply.id, delivery: 'delivered', deliveryAt: expect.any(String) as string });
  });

  it('sends a long Chinese reply as UCS-2 parts that join into the text, delivered once every part is', async () => {
    const interactionId = await w.conversationWith('+8613900000003');
    const reply = await posted(interactionId, { clientMessageId: 'reply-0003', text: LONG_CHINESE });
    expect(reply.parts).toBe(3);
    await delivered(reply.id);
    const submits = w.smsc.submits.filter((s) => s.destination === '8613900000003');
    expect(submits.map((s) => s.dataCoding)).toEqual([8, 8, 8]);
    expect(submits.map((s) => [...(s.udh[0] ?? [])].slice(3))).toEqual([[3, 1], [3, 2], [3, 3]]);
    expect(new Set(submits.map((s) => s.udh[0]?.[2])).size).toBe(1);
    expect(submits.map((s) => s.text).join('')).toBe(LONG_CHINESE);
    expect(await row(reply.id)).toMatchObject({ parts: 3, gateway_message_ids: submits.map((s) => s.messageId), part_states: ['delivered', 'delivered', 'delivered'] });
  });

  it('takes a receipt that overtakes the submit response, and a redelivered or stale receipt changes nothing', async () => {
    const interactionId = await w.conversationWith('+8613900000004');
    w.smsc.receiptFirst = true;
    try {
      const reply = await posted(interactionId, { clientMessageId: 'reply-0004', text: 'receipt before response' });
      await delivered(reply.id);
      const messageId = w.smsc.submits.find((s) => s.text === 'receipt before response')?.messageId ?? '';
      const pushes = statusesOf(reply.id).length;
      expect(await w.smsc.sendReceipt(messageId, 'DELIVRD')).toBe(ESME_ROK);
      expect(await w.smsc.sendReceipt(messageId, 'ENROUTE')).toBe(ESME_ROK);
      expect(statusesOf(reply.id)).toHaveLength(pushes);
      expect(await row(reply.id)).toMatchObject({ delivery_status: 'delivered', part_states: ['delivered'] });
    } finally {
      w.smsc.receiptFirst = false;
    }
  });

  it("shows a part the network could not deliver with the receipt's word, and fails a reply the SMSC refuses without retrying", async () => {
    const interactionId = await w.conversationWith('+8613900000005');
    w.smsc.receiptStatus = 'UNDELIV';
    try {
      const reply = await posted(interactionId, { clientMessageId: 'reply-0005', text: 'will not arrive' });
      await eventually(async () => (await row(reply.id))?.delivery_status === 'undelivered', 5000, 'undelivered');
      expect((await row(reply.id))?.last_error).toBe('not delivered: UNDELIV (error 034)');
      await eventually(() => w.pushed.statuses.find((s) => s.messageId === reply.id && s.delivery === 'undelivered')?.lastError === 'not delivered: UNDELIV (error 034)', 2000, 'the push');
    } finally {
      w.smsc.receiptStatus = 'DELIVRD';
    }
    // The simulator refuses destinations starting 000 (ESME_RINVDSTADR): final at once.
    const refused = await w.conversationWith('00000123');
    const reply = await posted(refused, { clientMessageId: 'reply-0006', text: 'to a bad number' });
    await eventually(async () => (await row(reply.id))?.delivery_status === 'failed', 5000, 'failed');
    expect(await row(reply.id)).toMatchObject({ attempts: 1, last_error: expect.stringContaining('ESME_RINVDSTADR') as string });
  });

  it('answers a number that opted out (the opt-out covers marketing, not replies) and shows the opt-out', async () => {
    const interactionId = await w.conversationWith('+8613900000007', '为什么扣了我十块钱');
    expect(await w.smsc.deliver('+8613900000007', '10086', '退订', { ucs2: true })).toEqual([ESME_ROK]);
    expect((await w.conversation(interactionId)).optedOut).toMatchObject({ word: '退订' });
    const reply = await posted(interactionId, { clientMessageId: 'reply-0007', text: '已为您退订，十元已退回。' });
    await delivered(reply.id);
  });

  it('is idempotent by clientMessageId: a retried POST returns the stored reply and sends once; other text is CONFLICT', async () => {
    const interactionId = await w.conversationWith('+8613900000008');
    const body = { clientMessageId: 'reply-0008', text: 'only once' };
    const [a, b] = await Promise.all([posted(interactionId, body), posted(interactionId, body)]);
    expect(b.id).toBe(a.id);
    await delivered(a.id);
    expect((await posted(interactionId, body)).id).toBe(a.id);
    expect(w.smsc.submits.filter((s) => s.text === 'only once')).toHaveLength(1);
    const conflict = await w.reply(interactionId, { ...body, text: 'something else' });
    expect([conflict.status, conflict.json?.error?.code]).toEqual([409, 'CONFLICT']);
  });

  it('gives coded errors: unknown interaction, not the owner, role, another channel, bad body, too many parts, not assigned', async () => {
    const interactionId = await w.conversationWith('+8613900000009');
    const code = async (answer: Promise<RestAnswer>) => {
      const a = await answer;
      return [a.status, a.json?.error?.code];
    };
    const ok = { clientMessageId: 'reply-0009', text: 'hello' };
    expect(await code(w.reply(randomUUID(), ok))).toEqual([404, 'NOT_FOUND']);
    expect(await code(w.reply(interactionId, ok, (await w.server.login('bob')).token))).toEqual([403, 'NOT_OWNER']);
    expect(await code(w.reply(interactionId, ok, (await w.server.login('sam')).token))).toEqual([403, 'FORBIDDEN']);
    expect(await code(w.reply(interactionId, { ...ok, text: '   ' }))).toEqual([400, 'BAD_REQUEST']);
    expect(await code(w.reply(interactionId, { ...ok, clientMessageId: 'x' }))).toEqual([400, 'BAD_REQUEST']);
    expect(await code(w.reply(interactionId, { ...ok, extra: 1 }))).toEqual([400, 'BAD_REQUEST']);
    // 3 parts allowed (OMNICC_SMS_MAX_PARTS): 460 GSM characters need 4.
    expect(await code(w.reply(interactionId, { ...ok, text: 'a'.repeat(460) }))).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const { chat, offer } = await w.server.offeredChat(w.alice);
    expect(await w.alice.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: true });
    expect(await code(w.reply(chat.interactionId, ok))).toEqual([400, 'BAD_REQUEST']);
    await w.alice.emitWithAck('interaction:end', { interactionId: chat.interactionId });
    await w.alice.emitWithAck('interaction:wrapUp', { interactionId: chat.interactionId, dispositionCode: 'resolved', note: '' });
    // Once the conversation ended, no new reply; a retry of one already stored still gets it.
    const stored = await posted(interactionId, ok);
    await w.alice.emitWithAck('interaction:end', { interactionId });
    expect(await code(w.reply(interactionId, { clientMessageId: 'reply-0010', text: 'too late' }))).toEqual([409, 'INVALID_STATE']);
    expect((await posted(interactionId, ok)).id).toBe(stored.id);
  });
});

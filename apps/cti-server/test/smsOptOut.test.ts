import { describe, expect, it } from 'vitest';
import type { Offer } from '@omnicc/shared';
import { eventually } from './support/mailFixtures.js';
import { SERVICE_NUMBER, textsSentTo, useSmsWorld, type SmsWorld } from './support/smsWorld.js';
import { next } from './support/testServer.js';

const ESME_ROK = 0;

/**
 * Opt-out (退订) and re-subscribe (订阅) in a running server bound to the
 * SMSC simulator: one confirmation per opt-out through the outbox, none for
 * a repeat the same day, the opt-out lifted and confirmed by a re-subscribe
 * word, which from any other number is an ordinary message; and the SMS
 * outbox's figures on /metrics.
 */
describe('SMS opt-out confirmation and re-subscribe', () => {
  let w: SmsWorld;

  const optOut = async (number: string) => (await w.server.pool.query<{ word: string; confirmed_at: Date | null }>('SELECT word, confirmed_at FROM sms_opt_outs WHERE number = $1', [number])).rows[0];
  const sentTo = (number: string) => textsSentTo(w.smsc, number);
  const settle = () => new Promise((r) => setTimeout(r, 400));

  useSmsWorld({ OMNICC_SMS_SURVEY: 'on' }, (world) => (w = world));

  it('confirms an opt-out once, through the outbox, and not again for a repeat the same day', async () => {
    const number = '+8613500000001';
    expect(await w.smsc.deliver(number, SERVICE_NUMBER, '退订', { ucs2: true })).toEqual([ESME_ROK]);
    await eventually(() => sentTo(number).length === 1, 3000, 'the confirmation');
    expect(sentTo(number)[0]).toBe('您已成功退订，将不再收到营销短信。回复"订阅"可重新订阅。/ You have unsubscribed from marketing SMS. Reply START to subscribe again.');
    expect(await optOut(number)).toMatchObject({ word: '退订', confirmed_at: expect.any(Date) as Date });
    const confirmation = (await w.server.pool.query<{ delivery_status: string; interaction_id: string | null; automatic: string }>("SELECT * FROM sms_messages WHERE number = $1 AND direction = 'out'", [number])).rows;
    expect(confirmation).toMatchObject([{ interaction_id: null, automatic: 'optOutConfirmation' }]);
    await eventually(async () => (await w.server.pool.query("SELECT 1 FROM sms_messages WHERE number = $1 AND direction = 'out' AND delivery_status = 'delivered'", [number])).rowCount === 1, 3000, 'delivered');

    // Another spelling (the same text twice within ten minutes would be taken for a redelivery).
    expect(await w.smsc.deliver(number, SERVICE_NUMBER, 'TD')).toEqual([ESME_ROK]);
    await settle();
    expect(sentTo(number)).toHaveLength(1);
    expect(await optOut(number)).toMatchObject({ word: '退订' });
  });

  it('lifts the opt-out on 订阅 and confirms it; the number is surveyed again', async () => {
    const number = '+8613500000002';
    expect(await w.smsc.deliver(number, SERVICE_NUMBER, 'STOP')).toEqual([ESME_ROK]);
    await eventually(() => sentTo(number).length === 1, 3000, 'the opt-out confirmation');
    expect(await w.smsc.deliver(number, SERVICE_NUMBER, '订阅', { ucs2: true })).toEqual([ESME_ROK]);
    await eventually(() => sentTo(number).length === 2, 3000, 'the re-subscribe confirmation');
    expect(sentTo(number)[1]).toContain('您已重新订阅成功');
    expect(await optOut(number)).toBeUndefined();
    expect(await w.server.app.sms.optOut(number)).toBeUndefined();
    // Neither word opened a conversation.
    expect((await w.server.pool.query('SELECT 1 FROM interactions WHERE customer_phone = $1', [number])).rowCount).toBe(0);

    const interactionId = await w.conversationWith(number, '帮我查一下余额');
    await w.closeConversations();
    await eventually(async () => (await w.server.pool.query('SELECT 1 FROM sms_surveys WHERE interaction_id = $1', [interactionId])).rowCount === 1, 3000, 'the survey');
    await eventually(() => sentTo(number).length === 3, 3000, 'the survey question');
  });

  it('takes a re-subscribe word from a number that never opted out as an ordinary message', async () => {
    const number = '+8613500000003';
    const offered = next<Offer>(w.alice, 'offer:new');
    expect(await w.smsc.deliver(number, SERVICE_NUMBER, 'START')).toEqual([ESME_ROK]);
    const offer = await offered;
    expect(offer.interaction).toMatchObject({ channel: 'sms', customer: { phone: number } });
    expect(await w.alice.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: true });
    expect(await w.alice.emitWithAck('interaction:end', { interactionId: offer.interaction.id })).toMatchObject({ ok: true });
    expect(await w.alice.emitWithAck('interaction:wrapUp', { interactionId: offer.interaction.id, dispositionCode: 'resolved', note: '' })).toMatchObject({ ok: true });
    await settle();
    expect(sentTo(number).filter((t) => t.includes('订阅成功'))).toEqual([]);
  });

  it('confirms an opt-out sent inside a conversation, which the message joins', async () => {
    const number = '+8613500000004';
    const interactionId = await w.conversationWith(number, '你们老是发广告');
    const pushed = next<{ interactionId: string; text: string }>(w.alice, 'sms:message');
    expect(await w.smsc.deliver(number, SERVICE_NUMBER, 'unsubscribe')).toEqual([ESME_ROK]);
    expect(await pushed).toMatchObject({ interactionId, text: 'unsubscribe' });
    await eventually(() => sentTo(number).length === 1, 3000, 'the confirmation');
    expect((await w.conversation(interactionId)).optedOut).toMatchObject({ word: 'UNSUBSCRIBE' });
  });

  it('shows the SMS outbox on /metrics: written by kind, submits, receipts, pending, the bind', async () => {
    const metrics = await (await fetch(`${w.server.url}/metrics`)).text();
    expect(metrics).toMatch(/omnicc_sms_queued_total\{kind="optOutConfirmation"\} [3-9]/);
    expect(metrics).toMatch(/omnicc_sms_queued_total\{kind="optInConfirmation"\} 1/);
    expect(metrics).toMatch(/omnicc_sms_queued_total\{kind="survey"\} 2/);
    expect(metrics).toMatch(/omnicc_sms_submits_total\{result="accepted"\} \d/);
    expect(metrics).toMatch(/omnicc_sms_receipts_total\{status="delivered"\} \d/);
    expect(metrics).toContain('omnicc_sms_outbox{delivery="pending"} 0');
    expect(metrics).toContain('omnicc_sms_gateway_connected 1');
  });
});

import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Offer } from '@omnicc/shared';
import { createApplication } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { eventually } from './support/mailFixtures.js';
import { SERVICE_NUMBER, SMSC_CREDENTIALS, startSmsWorld, textsSentTo, useSmsWorld, type SmsWorld } from './support/smsWorld.js';
import { next } from './support/testServer.js';

const ESME_ROK = 0;

interface SurveyRow {
  id: string;
  interaction_id: string;
  status: string;
  score: number | null;
  question_id: string;
  clarification_id: string | null;
  answer_id: string | null;
}

/**
 * The satisfaction survey by SMS in a running server bound to the SMSC
 * simulator: sent when an SMS conversation or a call is wrapped up, the
 * score read from "5", "５" and "五", one clarification for an answer that
 * is not a score and an ordinary conversation for a second, and the
 * numbers left out (opted out, surveyed within the day, talking by SMS).
 */
describe('SMS satisfaction survey', () => {
  let w: SmsWorld;

  const surveys = async (number: string) =>
    (await w.server.pool.query<SurveyRow>('SELECT * FROM sms_surveys WHERE number = $1 ORDER BY sent_at', [number])).rows;
  const surveyOf = async (interactionId: string) => (await w.server.pool.query<SurveyRow>('SELECT * FROM sms_surveys WHERE interaction_id = $1', [interactionId])).rows[0];
  const delivery = async (messageId: string) => (await w.server.pool.query<{ delivery_status: string }>('SELECT delivery_status FROM sms_messages WHERE id = $1', [messageId])).rows[0]?.delivery_status;
  const smsInteractions = async (number: string) => (await w.server.pool.query("SELECT id FROM interactions WHERE channel = 'sms' AND customer_phone = $1", [number])).rowCount;
  const sentTo = (number: string) => textsSentTo(w.smsc, number);

  /** A conversation with `number`, wrapped up; resolves once its survey question was delivered. */
  const surveyed = async (number: string): Promise<{ interactionId: string; survey: SurveyRow }> => {
    const interactionId = await w.conversationWith(number);
    await w.closeConversations();
    const survey = await eventually(() => surveyOf(interactionId), 3000, 'the survey row');
    await eventually(async () => (await delivery(survey.question_id)) === 'delivered', 5000, 'the question delivered');
    return { interactionId, survey };
  };
  /** No offer comes to alice within a while (the message was not routed). */
  const noOffer = async (deliver: () => Promise<unknown>) => {
    let offered = false;
    const listener = () => (offered = true);
    w.alice.on('offer:new', listener);
    await deliver();
    await new Promise((r) => setTimeout(r, 400));
    w.alice.off('offer:new', listener);
    expect(offered).toBe(false);
  };

  useSmsWorld({ OMNICC_SMS_SURVEY: 'on' }, (world) => (w = world));

  it('surveys an SMS conversation once wrapped up and stores "5" as its score, opening no conversation', async () => {
    const number = '+8613600000001';
    const { interactionId, survey } = await surveyed(number);
    expect(sentTo(number)).toEqual(['请对本次服务评分，回复1-5（5为非常满意）。/ Please rate our service, reply 1-5 (5 = very satisfied).']);
    // From the number the customer wrote to, so it lands in the same thread on the handset.
    expect(w.smsc.submits.filter((s) => s.destination === number.slice(1)).map((s) => s.sourceAddr)).toEqual([SERVICE_NUMBER, SERVICE_NUMBER]);
    await noOffer(async () => expect(await w.smsc.deliver(number, SERVICE_NUMBER, '5')).toEqual([ESME_ROK]));
    const answered = await surveyOf(interactionId);
    expect(answered).toMatchObject({ status: 'answered', score: 5, answer_id: expect.any(String) as string });
    expect(await smsInteractions(number)).toBe(1);
    const events = await w.server.store.interactions.events(interactionId);
    expect(events.map((e) => e.type).slice(-2)).toEqual(['surveySent', 'surveyAnswered']);
    expect(events.at(-1)).toMatchObject({ data: { score: 5, surveyId: survey.id, via: 'sms' } });
    // The number's history shows the question and the answer, outside any conversation.
    const [, question, answer] = (await w.server.pool.query<{ direction: string; interaction_id: string | null; automatic: string | null; text: string }>('SELECT * FROM sms_messages WHERE number = $1 ORDER BY created_at', [number])).rows;
    expect(question).toMatchObject({ direction: 'out', interaction_id: null, automatic: 'survey' });
    expect(answer).toMatchObject({ direction: 'in', interaction_id: null, text: '5' });
    const metrics = await (await fetch(`${w.server.url}/metrics`)).text();
    expect(metrics).toMatch(/omnicc_sms_surveys_total\{event="sent"\} [1-9]/);
    expect(metrics).toMatch(/omnicc_sms_surveys_total\{event="answered"\} [1-9]/);
    expect(metrics).toMatch(/omnicc_sms_survey_scores_total\{score="5"\} [1-9]/);
  });

  it('reads a full-width "５" and a Chinese "五" (with punctuation) as 5', async () => {
    for (const [number, text] of [
      ['+8613600000002', '５'],
      ['+8613600000003', ' 五。'],
    ] as const) {
      const { interactionId } = await surveyed(number);
      expect(await w.smsc.deliver(number, SERVICE_NUMBER, text, { ucs2: true })).toEqual([ESME_ROK]);
      await eventually(async () => (await surveyOf(interactionId))?.status === 'answered', 3000, `${text} answered`);
      expect(await surveyOf(interactionId)).toMatchObject({ score: 5 });
    }
  });

  it('answers one reply that is not a score with one clarification, then routes a second one as a new conversation', async () => {
    const number = '+8613600000004';
    const { interactionId } = await surveyed(number);
    await noOffer(() => w.smsc.deliver(number, SERVICE_NUMBER, '还行吧', { ucs2: true }));
    expect(await surveyOf(interactionId)).toMatchObject({ status: 'clarified', clarification_id: expect.any(String) as string });
    await eventually(() => sentTo(number).length === 2, 3000, 'the clarification');
    expect(sentTo(number)[1]).toContain('请回复数字1-5');

    const offered = next<Offer>(w.alice, 'offer:new');
    expect(await w.smsc.deliver(number, SERVICE_NUMBER, '我的宽带还是断的，请帮我看看', { ucs2: true })).toEqual([ESME_ROK]);
    const offer = await offered;
    expect(offer.interaction).toMatchObject({ channel: 'sms', customer: { phone: number } });
    expect(offer.interaction.id).not.toBe(interactionId);
    expect(await surveyOf(interactionId)).toMatchObject({ status: 'declined', score: null });
    expect(await w.alice.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: true });
    // The agent reads the first reply too: it was kept in the number's history.
    const view = await w.conversation(offer.interaction.id);
    expect(view.messages.filter((m) => m.direction === 'in').map((m) => [m.text, m.interactionId])).toEqual([
      ['你好，我想问一下话费', interactionId],
      ['还行吧', undefined],
      ['我的宽带还是断的，请帮我看看', offer.interaction.id],
    ]);
    expect(view.messages.filter((m) => m.automatic).map((m) => m.automatic)).toEqual(['survey', 'surveyClarification']);
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTo(number)).toHaveLength(2); // still one clarification
    await alicesWrapUp(offer.interaction.id);
    // Surveyed within the day already: the second conversation gets none.
    expect(await surveys(number)).toHaveLength(1);
  });

  it('sends no survey to a number that opted out', async () => {
    const number = '+8613600000005';
    const interactionId = await w.conversationWith(number, '为什么扣了我的钱');
    expect(await w.smsc.deliver(number, SERVICE_NUMBER, '退订', { ucs2: true })).toEqual([ESME_ROK]);
    await w.closeConversations();
    await new Promise((r) => setTimeout(r, 300));
    expect(await surveyOf(interactionId)).toBeUndefined();
    // Only the opt-out's confirmation went.
    expect(sentTo(number)).toHaveLength(1);
    expect(sentTo(number)[0]).toContain('您已成功退订');
  });

  it('surveys a number at most once a day', async () => {
    const number = '+8613600000006';
    await surveyed(number);
    expect(await w.smsc.deliver(number, SERVICE_NUMBER, '4')).toEqual([ESME_ROK]);
    await eventually(async () => (await surveys(number))[0]?.status === 'answered', 3000, 'answered');
    const second = await w.conversationWith(number, '还有一个问题想问');
    await w.closeConversations();
    expect(await w.server.store.interactions.get(second)).toMatchObject({ state: 'closed' });
    expect(await surveys(number)).toHaveLength(1);
    expect(sentTo(number)).toHaveLength(1);
  });

  it('surveys a call at the caller\'s mobile, but not a web chat, nor a call from a number talking to us by SMS', async () => {
    const call = await offeredCall('13800138011');
    await alicesWrapUp(call);
    const survey = await eventually(() => surveyOf(call), 3000, "the call's survey");
    expect(survey).toMatchObject({ status: 'sent' });
    await eventually(() => sentTo('+8613800138011').length === 1, 3000, 'the question to the caller');

    const { offer } = await w.server.offeredChat(w.alice);
    expect(await w.alice.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: true });
    await alicesWrapUp(offer.interaction.id);
    expect(await surveyOf(offer.interaction.id)).toBeUndefined();

    // The caller also has an SMS conversation waiting in the queue: the survey would land in its middle.
    const other = await offeredCall('13800138012');
    expect(await w.alice.emitWithAck('agent:setStatus', { status: 'notReady', reasonCode: 'break' })).toMatchObject({ ok: true });
    expect(await w.smsc.deliver('+8613800138012', SERVICE_NUMBER, '我刚打过电话', { ucs2: true })).toEqual([ESME_ROK]);
    await alicesWrapUp(other);
    expect(await surveyOf(other)).toBeUndefined();
    const offered = next<Offer>(w.alice, 'offer:new');
    expect(await w.alice.emitWithAck('agent:setStatus', { status: 'ready' })).toMatchObject({ ok: true });
    const sms = await offered;
    expect(await w.alice.emitWithAck('offer:accept', { offerId: sms.offerId })).toMatchObject({ ok: true });
    await alicesWrapUp(sms.interaction.id);
  });

  it('withdraws a survey whose question had not left when the customer wrote, and routes the message', async () => {
    const number = '+8613600000007';
    const interactionId = await w.conversationWith(number);
    await w.server.app.sms.stop(); // no bind: the question waits in the outbox
    try {
      await w.closeConversations();
      const survey = await eventually(() => surveyOf(interactionId), 3000, 'the survey row');
      expect(await delivery(survey.question_id)).toBe('pending');
      const offered = next<Offer>(w.alice, 'offer:new');
      const taken = await w.server.app.sms.ingest.take({ from: number, to: SERVICE_NUMBER, text: '我又遇到问题了', receivedAt: new Date(), parts: 1, missingParts: [] }, w.server.app.sms.gatewayName);
      expect(taken).toMatchObject({ kind: 'created', survey: { event: 'cancelled' } });
      expect(await surveyOf(interactionId)).toMatchObject({ status: 'cancelled' });
      expect(await delivery(survey.question_id)).toBe('failed');
      const offer = await offered;
      expect(await w.alice.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: true });
      await alicesWrapUp(offer.interaction.id);
    } finally {
      w.server.app.sms.start();
    }
    // The withdrawn question never goes; the second conversation, wrapped up while no bind was held, gets the survey.
    await eventually(() => sentTo(number).length === 1, 5000, 'the second survey');
    expect((await surveys(number)).map((s) => s.status)).toEqual(['cancelled', 'sent']);
  });

  /** A call from `caller` offered to alice and accepted (voice is off here: the interaction is routed like any other). */
  async function offeredCall(caller: string): Promise<string> {
    const created = await w.server.store.interactions.create({ channel: 'voice', queueId: 'voice-general', customer: { name: caller, phone: caller } }, new Date().toISOString());
    const offered = next<Offer>(w.alice, 'offer:new');
    await w.server.app.routing.call('enqueue', { interactionId: created.id });
    const offer = await offered;
    expect(await w.alice.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: true });
    return created.id;
  }

  async function alicesWrapUp(interactionId: string): Promise<void> {
    expect(await w.alice.emitWithAck('interaction:end', { interactionId })).toMatchObject({ ok: true });
    expect(await w.alice.emitWithAck('interaction:wrapUp', { interactionId, dispositionCode: 'resolved', note: '' })).toMatchObject({ ok: true });
  }
});

describe('SMS satisfaction survey across a restart', () => {
  let w: SmsWorld;
  beforeAll(async () => {
    w = await startSmsWorld({ OMNICC_SMS_SURVEY: 'on' });
  }, 30_000);
  afterAll(() => w?.stop());

  it('takes the answer after the server restarted between sending the survey and the answer', async () => {
    const number = '+8613600000101';
    const interactionId = await w.conversationWith(number);
    await w.closeConversations();
    const question = await eventually(async () => (await w.server.pool.query<{ question_id: string }>('SELECT question_id FROM sms_surveys WHERE interaction_id = $1', [interactionId])).rows[0], 3000, 'the survey');
    await eventually(async () => (await w.server.pool.query('SELECT 1 FROM sms_messages WHERE id = $1 AND delivery_status = $2', [question.question_id, 'delivered'])).rowCount === 1, 5000, 'the question delivered');

    // Everything in memory goes: the old process stops, a new one takes routing and the bind over from the database.
    await w.server.app.close();
    await w.smsc.waitFor(() => w.smsc.boundSessions === 0, 5000);
    const env = { PORT: '0', LOG_LEVEL: 'silent', OMNICC_TOKEN_SECRET: 'x'.repeat(40), OMNICC_SMS: 'smpp', OMNICC_SMPP_PORT: String(w.smsc.port), OMNICC_SMPP_SYSTEM_ID: SMSC_CREDENTIALS.systemId, OMNICC_SMPP_PASSWORD: SMSC_CREDENTIALS.password, OMNICC_SMS_SERVICE_NUMBER: SERVICE_NUMBER, OMNICC_SMS_SURVEY: 'on' };
    const restarted = await createApplication({ config: loadConfig(env), store: w.server.store, pool: w.server.pool, clock: { now: () => Date.now() }, logger: pino({ level: 'silent' }) });
    try {
      await restarted.listen();
      await w.smsc.waitFor(() => w.smsc.boundSessions === 1, 10_000);
      expect(await w.smsc.deliver(number, SERVICE_NUMBER, '3')).toEqual([ESME_ROK]);
      const answered = await w.server.pool.query<{ status: string; score: number }>('SELECT status, score FROM sms_surveys WHERE interaction_id = $1', [interactionId]);
      expect(answered.rows[0]).toEqual({ status: 'answered', score: 3 });
      expect((await w.server.pool.query("SELECT id FROM interactions WHERE channel = 'sms' AND customer_phone = $1", [number])).rowCount).toBe(1);
    } finally {
      await restarted.close();
    }
  });
});

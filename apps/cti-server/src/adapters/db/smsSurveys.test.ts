import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InboundSmsInput, NewSmsSurvey, SmsIngestRules, SmsStore } from '../../store/SmsStore.js';
import { createPgSmsStore } from './smsStore.js';
import { openTestStore, stopEmbeddedTestCluster, TEST_DB_KINDS, truncateAll, type TestStore } from './testing.js';

afterAll(stopEmbeddedTestCluster);

const HOUR = 3600_000;
const T0 = Date.parse('2025-03-01T08:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const NUMBER = '+8613800138000';
const RULES: SmsIngestRules = {
  queueId: 'sms-general',
  threadWindowMs: 24 * HOUR,
  duplicateWindowMs: 600_000,
  confirmations: { optOut: { text: '您已成功退订', parts: 1 }, optIn: { text: '您已重新订阅', parts: 1 } },
  reconfirmAfterMs: 24 * HOUR,
  surveyClarification: { text: '请回复数字1-5', parts: 1 },
};

/**
 * The survey's and the opt-out's rules in time, on the store with explicit
 * clocks (the running-server tests cannot wait a day): the answer window,
 * one survey per number per period, expiry, and a repeated opt-out
 * confirmed again after a day.
 */
describe.each(TEST_DB_KINDS)('pg SMS surveys and opt-outs in time (%s)', (kind) => {
  let t: TestStore;
  let sms: SmsStore;

  const closedSms = async (createdAt: string) => {
    const i = await t.store.interactions.create({ channel: 'sms', queueId: 'sms-general', customer: { name: NUMBER, phone: NUMBER } }, createdAt);
    await t.pool.query("UPDATE interactions SET state = 'closed' WHERE id = $1", [i.id]);
    return i.id;
  };
  const survey = (interactionId: string, when: string, rules: Partial<NewSmsSurvey> = {}): NewSmsSurvey => ({
    interactionId,
    number: NUMBER,
    serviceNumber: '10086',
    gateway: 'smpp:test',
    question: { text: '请评分 1-5', parts: 1 },
    at: when,
    windowMs: 24 * HOUR,
    everyMs: 48 * HOUR,
    ...rules,
  });
  const inbound = (text: string, when: string, extra: Partial<InboundSmsInput> = {}): InboundSmsInput => ({
    number: NUMBER,
    serviceNumber: '10086',
    gateway: 'smpp:test',
    text,
    parts: 1,
    missingParts: [],
    contentHash: `${text}@${when}`,
    at: when,
    ...extra,
  });
  const questionSubmitted = (messageId: string) => t.pool.query("UPDATE sms_messages SET delivery_status = 'submitted' WHERE id = $1", [messageId]);
  const statusOf = async (interactionId: string) => (await t.pool.query<{ status: string }>('SELECT status FROM sms_surveys WHERE interaction_id = $1', [interactionId])).rows[0]?.status;

  beforeAll(async () => {
    t = await openTestStore(kind);
    sms = createPgSmsStore(t.pool);
  });
  afterAll(() => t.cleanup());
  beforeEach(async () => {
    await truncateAll(t.pool);
    await t.store.queues.upsert({ id: 'sms-general', channel: 'sms', nameEn: 'SMS', nameZh: '短信' });
  });

  it('takes an answer within the window only, and expires the survey after it', async () => {
    const first = await closedSms(at(0));
    const started = await sms.surveys.start(survey(first, at(0)));
    expect(started).toMatchObject({ kind: 'sent' });
    if (started.kind !== 'sent') return;
    await questionSubmitted(started.messageId);
    expect(await sms.surveys.expire(at(23 * HOUR))).toBe(0);
    // A day and a minute later the "5" is an ordinary message: a new conversation.
    const late = await sms.ingest.ingest(inbound('5', at(24 * HOUR + 60_000), { surveyScore: 5 }), RULES);
    expect(late).toMatchObject({ kind: 'created', queued: [] });
    expect(await statusOf(first)).toBe('sent');
    expect(await sms.surveys.expire(at(24 * HOUR + 60_000))).toBe(1);
    expect(await statusOf(first)).toBe('expired');
    expect((await t.pool.query('SELECT ended_at FROM sms_surveys WHERE interaction_id = $1', [first])).rows[0]).toEqual({ ended_at: new Date(at(24 * HOUR)) });
    expect(await sms.surveys.expire(at(25 * HOUR))).toBe(0);
  });

  it('surveys a number once per period, an interaction once, and no opted-out number or one in an open SMS conversation', async () => {
    const first = await closedSms(at(0));
    expect(await sms.surveys.start(survey(first, at(0)))).toMatchObject({ kind: 'sent' });
    expect(await sms.surveys.start(survey(first, at(60_000)))).toEqual({ kind: 'skipped', reason: 'exists' });
    const second = await closedSms(at(HOUR));
    expect(await sms.surveys.start(survey(second, at(47 * HOUR)))).toEqual({ kind: 'skipped', reason: 'recent' });
    expect(await sms.surveys.start(survey(second, at(47 * HOUR), { everyMs: 0 }))).toMatchObject({ kind: 'sent' });

    const third = await closedSms(at(2 * HOUR));
    const open = await t.store.interactions.create({ channel: 'sms', queueId: 'sms-general', customer: { name: NUMBER, phone: NUMBER } }, at(3 * HOUR));
    expect(await sms.surveys.start(survey(third, at(100 * HOUR)))).toEqual({ kind: 'skipped', reason: 'openConversation' });
    await t.pool.query("UPDATE interactions SET state = 'closed' WHERE id = $1", [open.id]);
    await sms.ingest.ingest(inbound('退订', at(100 * HOUR), { optOutWord: '退订' }), RULES);
    expect(await sms.surveys.start(survey(third, at(101 * HOUR)))).toEqual({ kind: 'skipped', reason: 'optedOut' });
  });

  it('confirms a repeated opt-out again only a day after the last confirmation', async () => {
    const optOut = (when: number) => sms.ingest.ingest(inbound('退订', at(when), { optOutWord: '退订' }), RULES);
    expect(await optOut(0)).toMatchObject({ kind: 'stored', queued: ['optOutConfirmation'] });
    expect(await optOut(HOUR)).toMatchObject({ kind: 'stored', queued: [] });
    expect(await optOut(24 * HOUR)).toMatchObject({ kind: 'stored', queued: ['optOutConfirmation'] });
    expect(await optOut(25 * HOUR)).toMatchObject({ kind: 'stored', queued: [] });
    // The first opt-out stands; a re-subscribe lifts it, and the next opt-out is a new one, confirmed at once.
    expect(await sms.optOuts.get(NUMBER)).toMatchObject({ at: at(0) });
    expect(await sms.ingest.ingest(inbound('订阅', at(26 * HOUR), { optInWord: '订阅' }), RULES)).toMatchObject({ kind: 'stored', optInWord: '订阅', queued: ['optInConfirmation'] });
    expect(await optOut(27 * HOUR)).toMatchObject({ kind: 'stored', queued: ['optOutConfirmation'] });
    const confirmations = await t.pool.query<{ automatic: string }>("SELECT automatic FROM sms_messages WHERE direction = 'out' ORDER BY created_at");
    expect(confirmations.rows.map((r) => r.automatic)).toEqual(['optOutConfirmation', 'optOutConfirmation', 'optInConfirmation', 'optOutConfirmation']);
  });

  it('ends an open survey on an opt-out without a clarification, and withdraws its question if it had not left', async () => {
    const first = await closedSms(at(0));
    const started = await sms.surveys.start(survey(first, at(0)));
    expect(started).toMatchObject({ kind: 'sent' });
    const outcome = await sms.ingest.ingest(inbound('TD', at(60_000), { optOutWord: 'TD' }), RULES);
    expect(outcome).toMatchObject({ kind: 'stored', queued: ['optOutConfirmation'], survey: { interactionId: first, event: 'declined' } });
    expect(await statusOf(first)).toBe('declined');
    const question = await t.pool.query<{ delivery_status: string; last_error: string }>("SELECT delivery_status, last_error FROM sms_messages WHERE automatic = 'survey'");
    expect(question.rows).toEqual([{ delivery_status: 'failed', last_error: 'withdrawn: the number opted out' }]);
  });
});

import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { SmsMessageView } from '@omnicc/shared';
import { createApplication } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { eventually } from './support/mailFixtures.js';
import { restCall } from './support/rest.js';
import { SERVICE_NUMBER, SMSC_CREDENTIALS, useSmsWorld, type SmsWorld } from './support/smsWorld.js';

/** Quick retries, so that retrying is seen within a test: the gateway retries a throttled part once, the outbox tries 3 times from 0.2 s. */
const ENV = { OMNICC_SMS_RETRY_SECONDS: '0.2', OMNICC_SMS_SEND_ATTEMPTS: '3', OMNICC_SMPP_THROTTLE_RETRIES: '1' };
const BILL_ANSWER = '您好，您反映的宽带故障已经修复，维修师傅今天下午已经更换了光猫。如果还有断网的情况，请直接回复本短信，我们会第一时间安排处理。感谢您的耐心等待！';

/**
 * How replies survive a difficult SMSC: throttling past the gateway's own
 * retry, a long message throttled part-way, a bind dropped during a
 * submit, attempts running out, and a reply stored on a node that does not
 * hold the bind.
 */
describe('SMS replies: retries, a dropped bind, and another node', () => {
  let w: SmsWorld;

  const row = async (id: string) =>
    (await w.server.pool.query<{ delivery_status: string; gateway_message_ids: string[]; attempts: number; last_error: string | null }>('SELECT * FROM sms_messages WHERE id = $1', [id])).rows[0];
  const reaches = (id: string, delivery: string, timeoutMs = 8000) => eventually(async () => (await row(id))?.delivery_status === delivery, timeoutMs, `message ${id} ${delivery}`);
  const posted = async (interactionId: string, body: { clientMessageId: string; text: string }): Promise<SmsMessageView> => {
    const answer = await w.reply(interactionId, body);
    expect(answer.status, answer.text).toBe(201);
    return answer.json as unknown as SmsMessageView;
  };
  const submitsOf = (text: string) => w.smsc.submits.filter((s) => s.text === text);

  useSmsWorld(ENV, (world) => (w = world));
  afterEach(() => w.smsc.throttleNext(0));

  it('shows a reply throttled past the gateway retry as pending with the reason, and sends it on the next attempt', async () => {
    const interactionId = await w.conversationWith('+8613700000001');
    // Two refusals use up the first attempt (its one quick retry); the third is the second attempt's first try.
    w.smsc.throttleNext(3);
    const reply = await posted(interactionId, { clientMessageId: 'retry-0001', text: 'after throttling' });
    await reaches(reply.id, 'delivered');
    expect(await row(reply.id)).toMatchObject({ attempts: 2, last_error: null });
    const pushed = w.pushed.statuses.filter((s) => s.messageId === reply.id);
    expect(pushed[0]).toMatchObject({ delivery: 'pending', lastError: expect.stringContaining('throttling') as string });
    expect(pushed.map((s) => s.delivery)).toEqual(['pending', 'submitted', 'delivered']);
    expect(submitsOf('after throttling')).toHaveLength(1);
  });

  it('goes on with a long reply throttled part-way from the part that failed: each part accepted once, one reference', async () => {
    const interactionId = await w.conversationWith('+8613700000002');
    w.smsc.throttleNext(2, { after: 1 });
    const reply = await posted(interactionId, { clientMessageId: 'retry-0002', text: BILL_ANSWER });
    await reaches(reply.id, 'delivered');
    const parts = w.smsc.submits.filter((s) => s.destination === '8613700000002');
    expect(parts.map((s) => s.udh[0]?.at(-1))).toEqual([1, 2]);
    expect(new Set(parts.map((s) => s.udh[0]?.at(-3))).size).toBe(1);
    expect(parts.map((s) => s.text).join('')).toBe(BILL_ANSWER);
    expect(await row(reply.id)).toMatchObject({ attempts: 2, gateway_message_ids: parts.map((s) => s.messageId) });
  });

  it('sends a reply once when the bind drops as its submit arrives, after the rebind', async () => {
    const interactionId = await w.conversationWith('+8613700000003');
    const binds = w.smsc.bindAttempts.length;
    w.smsc.dropOnNextSubmit();
    const reply = await posted(interactionId, { clientMessageId: 'retry-0003', text: 'through a dropped bind' });
    await reaches(reply.id, 'delivered');
    expect(submitsOf('through a dropped bind')).toHaveLength(1);
    expect(w.smsc.bindAttempts.slice(binds)).toMatchObject([{ accepted: true }]);
    expect(w.smsc.boundSessions).toBe(1);
    expect((await fetch(`${w.server.url}/healthz`).then((r) => r.json())) as { sms: string }).toMatchObject({ sms: 'connected' });
  });

  it('keeps a reply stored while no node holds the bind, and sends it after the next takeover', async () => {
    const interactionId = await w.conversationWith('+8613700000006');
    await w.server.app.sms.stop(); // what giving routing up does
    try {
      const reply = await posted(interactionId, { clientMessageId: 'retry-0006', text: 'sent after a takeover' });
      await new Promise((r) => setTimeout(r, 300));
      expect(await row(reply.id)).toMatchObject({ delivery_status: 'pending', attempts: 0 });
    } finally {
      w.server.app.sms.start(); // what taking routing over does
    }
    await eventually(() => submitsOf('sent after a takeover').length === 1, 8000, 'the send after the takeover');
  });

  it('ends a reply failed, with the reason, when every attempt was throttled', async () => {
    const interactionId = await w.conversationWith('+8613700000004');
    w.smsc.throttleNext(1000);
    const reply = await posted(interactionId, { clientMessageId: 'retry-0004', text: 'never accepted' });
    await reaches(reply.id, 'failed', 10_000);
    expect(await row(reply.id)).toMatchObject({ attempts: 3, last_error: expect.stringContaining('ESME_RTHROTTLED') as string });
    await eventually(() => w.pushed.statuses.some((s) => s.messageId === reply.id && s.delivery === 'failed'), 2000, 'the failed push');
    expect(submitsOf('never accepted')).toHaveLength(0);
  });

  it('has a reply stored on a node without the bind sent by the routing owner, woken by NOTIFY', async () => {
    const interactionId = await w.conversationWith('+8613700000005');
    const follower = await createApplication({
      config: loadConfig({
        PORT: '0',
        LOG_LEVEL: 'silent',
        OMNICC_TOKEN_SECRET: 'x'.repeat(40),
        OMNICC_SMS: 'smpp',
        OMNICC_SMPP_PORT: String(w.smsc.port),
        OMNICC_SMPP_SYSTEM_ID: SMSC_CREDENTIALS.systemId,
        OMNICC_SMPP_PASSWORD: SMSC_CREDENTIALS.password,
        OMNICC_SMS_SERVICE_NUMBER: SERVICE_NUMBER,
        ...ENV,
      }),
      store: w.server.store,
      pool: w.server.pool,
      clock: { now: () => Date.now() },
      logger: pino({ level: 'silent' }),
    });
    try {
      const url = await follower.listen();
      expect(follower.sms.status()).toBe('stopped');
      const started = Date.now();
      const answer = await restCall(url, 'POST', `/api/interactions/${interactionId}/sms/reply`, w.aliceToken, { clientMessageId: 'retry-0005', text: 'from the other node' });
      expect(answer.status, answer.text).toBe(201);
      await eventually(() => submitsOf('from the other node').length === 1, 5000, 'the owner to submit it');
      // The owner also scans every second; the NOTIFY makes it go at once.
      expect(Date.now() - started).toBeLessThan(800);
      await reaches((answer.json as unknown as SmsMessageView).id, 'delivered');
      expect(w.smsc.boundSessions).toBe(1);
    } finally {
      await follower.close();
    }
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Offer, SmsMessageView } from '@omnicc/shared';
import { SmscSimulator } from './support/smscSimulator.js';
import { connected, next, type AgentSocket, type TestServer, startTestServer } from './support/testServer.js';

const CREDENTIALS = { systemId: 'omnicc', password: 'sim-pass' };
const SERVICE_NUMBER = '10086';
const ESME_ROK = 0;
/** ESME_RX_T_APPN: "try again later", what the gateway answers when the store failed. */
const ESME_RX_T_APPN = 0x64;

/**
 * Inbound SMS in a running server: the SMPP gateway bound to a real SMSC
 * peer (the simulator) on the routing owner, messages stored on the machine
 * PostgreSQL before the SMSC is answered, and new conversations offered to
 * agents through routing.
 */
describe('SMS channel: SMPP inbound, threading, routing', () => {
  let smsc: SmscSimulator;
  let server: TestServer;
  let alice: AgentSocket;

  const rows = async (number: string) =>
    (await server.pool.query<{ interaction_id: string | null; text: string; parts: number }>("SELECT interaction_id, text, parts FROM sms_messages WHERE number = $1 AND direction = 'in' ORDER BY created_at", [number])).rows;

  beforeAll(async () => {
    smsc = await SmscSimulator.start(CREDENTIALS);
    server = await startTestServer({
      env: { OMNICC_SMS: 'smpp', OMNICC_SMPP_PORT: String(smsc.port), OMNICC_SMPP_SYSTEM_ID: CREDENTIALS.systemId, OMNICC_SMPP_PASSWORD: CREDENTIALS.password, OMNICC_SMS_SERVICE_NUMBER: SERVICE_NUMBER },
    });
    await smsc.waitFor(() => smsc.boundSessions === 1);
    alice = server.agent((await server.login('alice')).token);
    await connected(alice);
  }, 30_000);
  afterAll(async () => {
    await server?.close();
    await smsc?.close();
  });
  beforeEach(async () => {
    expect(await alice.emitWithAck('agent:setStatus', { status: 'ready' })).toMatchObject({ ok: true });
  });

  it('binds on start and reports the gateway on /healthz', async () => {
    expect(smsc.bindAttempts).toMatchObject([{ systemId: 'omnicc', accepted: true }]);
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { sms: string };
    expect(health.sms).toBe('connected');
  });

  it('stores an inbound SMS before answering the SMSC and offers the new sms conversation to a ready agent', async () => {
    const offered = next<Offer>(alice, 'offer:new');
    expect(await smsc.deliver('+8613800138001', SERVICE_NUMBER, '我的宽带断了', { ucs2: true })).toEqual([ESME_ROK]);
    // Answered ESME_ROK only after the commit: the row is there the moment the answer is.
    const [stored] = await rows('+8613800138001');
    expect(stored).toMatchObject({ text: '我的宽带断了', parts: 1 });
    const offer = await offered;
    expect(offer.interaction).toMatchObject({ id: stored?.interaction_id, channel: 'sms', queueId: 'sms-general', customer: { name: '+8613800138001', phone: '+8613800138001' } });
    expect(await alice.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: true, value: { state: 'assigned' } });
  });

  it('threads a second SMS from the same number (written another way) into the open conversation and pushes it to its agent', async () => {
    const pushed = next<SmsMessageView>(alice, 'sms:message');
    // Without TON 1 the SMSC gives the national form: normalised, it is the same customer.
    expect(await smsc.deliver('008613800138001', SERVICE_NUMBER, 'still down since 9am')).toEqual([ESME_ROK]);
    const [first, second] = await rows('+8613800138001');
    expect(second?.interaction_id).toBe(first?.interaction_id);
    expect(await pushed).toMatchObject({ interactionId: first?.interaction_id, direction: 'in', number: '+8613800138001', text: 'still down since 9am', parts: 1, missingParts: [] });
  });

  it('stores a redelivered message once (SMPP gives no id: same number and text within the window)', async () => {
    expect(await smsc.deliver('+8613800138002', SERVICE_NUMBER, 'bill question')).toEqual([ESME_ROK]);
    expect(await smsc.deliver('+8613800138002', SERVICE_NUMBER, 'bill question')).toEqual([ESME_ROK]);
    expect(await rows('+8613800138002')).toHaveLength(1);
    const interactions = await server.pool.query("SELECT id FROM interactions WHERE channel = 'sms' AND customer_phone = '+8613800138002'");
    expect(interactions.rowCount).toBe(1);
  });

  it('stores a redelivery with the gateway id once (the unique key), as an HTTP provider sends it', async () => {
    const message = { from: '+8613800138003', to: SERVICE_NUMBER, text: 'hello', receivedAt: new Date(), parts: 1, missingParts: [], gatewayMessageId: 'prov-1' };
    expect((await server.app.sms.ingest.take(message, 'webhook:test')).kind).toBe('created');
    expect((await server.app.sms.ingest.take(message, 'webhook:test')).kind).toBe('duplicate');
    expect(await rows('+8613800138003')).toHaveLength(1);
  });

  it('records 退订 as an opt-out without opening a conversation', async () => {
    expect(await smsc.deliver('+8613800138004', SERVICE_NUMBER, '【退订】', { ucs2: true })).toEqual([ESME_ROK]);
    expect(await server.app.sms.optOut('+8613800138004')).toMatchObject({ number: '+8613800138004', word: '退订' });
    expect(await rows('+8613800138004')).toMatchObject([{ interaction_id: null, text: '【退订】' }]);
    // A sentence containing the word is a conversation, not an opt-out.
    expect(await smsc.deliver('+8613800138005', SERVICE_NUMBER, '我想退订流量包', { ucs2: true })).toEqual([ESME_ROK]);
    expect(await server.app.sms.optOut('+8613800138005')).toBeUndefined();
    expect((await rows('+8613800138005'))[0]?.interaction_id).toEqual(expect.any(String));
  });

  it('joins a long UCS-2 message from parts arriving out of order and stores it once, whole', async () => {
    const text = '您好，我上个月的话费账单里有一笔国际漫游费用，但我整个月都在国内，没有出过国。请帮我查一下这笔费用是怎么产生的，并且帮我申请退款，谢谢！';
    expect(text.length).toBeGreaterThan(67);
    const statuses = await smsc.deliver('+8613800138006', SERVICE_NUMBER, text, { ucs2: true, order: [2, 1] });
    expect(statuses).toEqual([ESME_ROK, ESME_ROK]);
    expect(await rows('+8613800138006')).toMatchObject([{ text, parts: 2 }]);
  });

  it('refuses a message it could not store ("try again later") and stores the SMSC redelivery once', async () => {
    await server.pool.query(`CREATE FUNCTION refuse_sms() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql`);
    await server.pool.query('CREATE TRIGGER refuse BEFORE INSERT ON sms_messages FOR EACH ROW EXECUTE FUNCTION refuse_sms()');
    try {
      expect(await smsc.deliver('+8613800138007', SERVICE_NUMBER, 'are you there?')).toEqual([ESME_RX_T_APPN]);
    } finally {
      await server.pool.query('DROP TRIGGER refuse ON sms_messages; DROP FUNCTION refuse_sms()');
    }
    // Nothing half-written: no message, and no conversation without its message.
    expect(await rows('+8613800138007')).toHaveLength(0);
    expect((await server.pool.query("SELECT id FROM interactions WHERE customer_phone = '+8613800138007'")).rowCount).toBe(0);
    expect(await smsc.deliver('+8613800138007', SERVICE_NUMBER, 'are you there?')).toEqual([ESME_ROK]);
    expect(await rows('+8613800138007')).toHaveLength(1);
  });
});

import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { SmppSmsGateway, type SmppGatewayOptions } from '../src/adapters/smpp/smppGateway.js';
import type { SmsGatewayError } from '../src/features/sms/smsErrors.js';
import type { DeliveryReceipt, InboundSms, SmsGatewayState, SmsSendProgress } from '../src/features/sms/smsGateway.js';
import { SmscSimulator, type SmscSimulatorOptions } from './support/smscSimulator.js';

const log = pino({ level: 'silent' });
const CREDENTIALS = { systemId: 'omnicc', password: 'sim-pass' };
const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  // Gateways first, so they unbind from a simulator that is still there.
  for (const item of open.splice(0).reverse()) await item.close();
});

async function setup(gatewayOptions: Partial<SmppGatewayOptions> = {}, smscOptions: Partial<SmscSimulatorOptions> = {}) {
  const smsc = await SmscSimulator.start({ ...CREDENTIALS, ...smscOptions });
  open.push(smsc);
  const gateway = new SmppSmsGateway({ host: '127.0.0.1', port: smsc.port, ...CREDENTIALS, sourceAddr: '10086', log, responseTimeoutMs: 1000, reconnect: { minMs: 50, maxMs: 400 }, ...gatewayOptions });
  open.push(gateway);
  const inbound: InboundSms[] = [];
  const receipts: DeliveryReceipt[] = [];
  const states: SmsGatewayState[] = [];
  gateway.on('inbound', (m) => void inbound.push(m));
  gateway.on('receipt', (r) => void receipts.push(r));
  gateway.on('state', (s) => states.push(s));
  return { smsc, gateway, inbound, receipts, states };
}

describe('SMPP gateway against an SMSC peer', () => {
  it('binds as a transceiver and sends a short GSM-7 message as one submit_sm', async () => {
    const { smsc, gateway, states } = await setup();
    await gateway.start();
    expect(gateway.state).toBe('connected');
    expect(smsc.bindAttempts).toMatchObject([{ systemId: 'omnicc', accepted: true }]);
    const result = await gateway.send('+8613800138000', 'Your bill is ready: 58.00 CNY', { ref: 'm1' });
    expect(result).toStrictEqual({ ref: 'm1', messageIds: [smsc.submits[0]?.messageId], encoding: 'gsm7' });
    expect(smsc.submits).toMatchObject([{ destination: '8613800138000', destTon: 1, sourceAddr: '10086', esmClass: 0, dataCoding: 0, registeredDelivery: 1, udh: [], text: 'Your bill is ready: 58.00 CNY' }]);
    expect(states).toStrictEqual(['connecting', 'connected']);
  });

  it('splits a long GSM-7 message into 153-septet parts with one 8-bit concatenation reference', async () => {
    const { smsc, gateway } = await setup();
    await gateway.start();
    const text = 'Dear customer, '.repeat(25).trim(); // 374 septets: 3 parts
    const result = await gateway.send('13800138000', text, { ref: 'long' });
    expect(result.messageIds).toHaveLength(3);
    expect(result.messageIds).toStrictEqual(smsc.submits.map((s) => s.messageId));
    const ref = smsc.submits[0]?.udh[0]?.[2];
    smsc.submits.forEach((s, i) => {
      expect(s.esmClass & 0x40).toBe(0x40);
      expect(s.dataCoding).toBe(0);
      expect([...(s.udh[0] ?? [])]).toStrictEqual([0x00, 0x03, ref, 3, i + 1]);
    });
    expect(smsc.submits.map((s) => s.text.length)).toStrictEqual([153, 153, 68]);
    expect(smsc.submits.map((s) => s.text).join('')).toBe(text);
  });

  it('sends Chinese as UCS-2 in 67-character parts and reads a long Chinese reply back', async () => {
    const { smsc, gateway, inbound } = await setup();
    await gateway.start();
    const text = '尊敬的客户您好，您本月的话费账单已出，请登录网上营业厅查看详情。'.repeat(5); // 160 characters
    const result = await gateway.send('+8613800138000', text, { ref: 'zh' });
    expect(result.encoding).toBe('ucs2');
    expect(smsc.submits.map((s) => [s.dataCoding, s.text.length])).toStrictEqual([
      [8, 67],
      [8, 67],
      [8, 26],
    ]);
    expect(smsc.submits.map((s) => s.text).join('')).toBe(text);

    // The same text back from the handset, as the SMSC splits it.
    await smsc.deliver('+8613800138000', '10086', text, { ucs2: true, ref: 9 });
    await smsc.waitFor(() => inbound.length === 1);
    expect(inbound[0]).toMatchObject({ from: '+8613800138000', to: '10086', text, parts: 3, missingParts: [] });
  });

  it('joins inbound parts that arrive out of order, and hands on an incomplete message after the join timeout', async () => {
    const { smsc, gateway, inbound } = await setup({ joinTimeoutMs: 1000 });
    await gateway.start();
    const text = 'I want to change my plan to the unlimited data one. '.repeat(4);
    expect(await smsc.deliver('8613900139000', '10086', text, { partSize: 60, order: [2, 4, 1, 3] })).toStrictEqual([0, 0, 0, 0]);
    await smsc.waitFor(() => inbound.length === 1);
    expect(inbound[0]).toMatchObject({ from: '8613900139000', text, parts: 4, missingParts: [] });

    await smsc.deliver('8613900139000', '10086', '第一部分。第二部分。第三部分。', { ucs2: true, partSize: 5, ref: 77, order: [1, 3] });
    await new Promise((r) => setTimeout(r, 100));
    expect(inbound).toHaveLength(1); // still waiting for part 2
    await smsc.waitFor(() => inbound.length === 2, 4000);
    expect(inbound[1]).toMatchObject({ text: '第一部分。第三部分。', parts: 3, missingParts: [2] });
  });

  it('acknowledges a deliver_sm only once the listeners stored it, and refuses it for redelivery when they could not', async () => {
    const { smsc, gateway, inbound } = await setup();
    let storeDown = true;
    gateway.on('inbound', async () => {
      await new Promise((r) => setTimeout(r, 5));
      if (storeDown) throw new Error('store down');
    });
    await gateway.start();
    const text = 'Part one, part two, part three.';
    // The last part completes the message, whose store fails: that part is refused (ESME_RX_T_APPN), the others were taken.
    expect(await smsc.deliver('8613900139000', '10086', text, { partSize: 11, ref: 5 })).toStrictEqual([0, 0, 0x64]);
    storeDown = false;
    // The SMSC redelivers the refused part; it finds its siblings still waiting.
    expect(await smsc.deliver('8613900139000', '10086', text, { partSize: 11, ref: 5, order: [3] })).toStrictEqual([0]);
    expect(inbound.map((m) => [m.text, m.missingParts])).toStrictEqual([
      [text, []],
      [text, []],
    ]);
  });

  it('maps delivery receipts read from the receipt text (stat, err, done date)', async () => {
    const { smsc, gateway, receipts } = await setup();
    await gateway.start();
    const delivered = await gateway.send('+8613800138000', 'hello', { ref: 'r1' });
    await smsc.waitFor(() => receipts.length === 1);
    expect(receipts[0]).toMatchObject({ messageId: delivered.messageIds[0], status: 'delivered', final: true, gatewayStatus: 'DELIVRD', errorCode: '000', doneAt: new Date(Date.UTC(2026, 10, 24, 8, 30)) });

    smsc.receiptStatus = 'UNDELIV';
    const failed = await gateway.send('+8613800138000', 'hello again', { ref: 'r2' });
    await smsc.waitFor(() => receipts.length === 2);
    expect(receipts[1]).toMatchObject({ messageId: failed.messageIds[0], status: 'undeliverable', final: true, gatewayStatus: 'UNDELIV', errorCode: '034' });

    await gateway.send('+8613800138000', 'no receipt wanted', { ref: 'r3', receipt: false });
    expect(smsc.submits[2]?.registeredDelivery).toBe(0);
  });

  it('reads receipts from receipted_message_id and message_state when the SMSC sends them', async () => {
    const { smsc, gateway, receipts } = await setup({}, { receiptTlvs: 'only' });
    await gateway.start();
    smsc.receiptStatus = 'EXPIRED';
    const sent = await gateway.send('+8613800138000', 'tlv receipt', { ref: 'r4' });
    await smsc.waitFor(() => receipts.length === 1);
    expect(receipts[0]).toMatchObject({ messageId: sent.messageIds[0], status: 'expired', final: true, gatewayStatus: 'message_state 3' });
  });

  it('keeps the link alive with enquire_link, and drops and rebinds a link whose enquire_link goes unanswered', async () => {
    const { smsc, gateway, states } = await setup({ enquireLinkMs: 100, responseTimeoutMs: 300 });
    await gateway.start();
    await smsc.waitFor(() => smsc.enquireLinks >= 3, 2000);
    expect(gateway.state).toBe('connected');

    smsc.ignoreEnquireLinks = true;
    await smsc.waitFor(() => states.includes('disconnected'), 3000);
    smsc.ignoreEnquireLinks = false;
    await smsc.waitFor(() => gateway.state === 'connected' && smsc.bindAttempts.length === 2, 3000);
    await gateway.send('+8613800138000', 'still here', { ref: 'after-keepalive' });
    expect(smsc.submits.at(-1)?.text).toBe('still here');
  });

  it('answers an unbind from the SMSC and binds again, and answers operations a transceiver does not take with generic_nack', async () => {
    const { smsc, gateway, states } = await setup();
    await gateway.start();
    expect(await smsc.send('query_sm', { message_id: '1' })).toBe(0x03); // ESME_RINVCMDID
    expect(await smsc.send('unbind')).toBe(0);
    await smsc.waitFor(() => states.includes('disconnected'));
    await smsc.waitFor(() => gateway.state === 'connected' && smsc.bindAttempts.length === 2, 3000);
    expect((await gateway.send('+8613800138000', 'after unbind', { ref: 'u' })).messageIds).toHaveLength(1);
  });

  it('reconnects with growing backoff after the SMSC drops, and a send made during the outage goes out after the rebind', async () => {
    const { smsc, gateway, states } = await setup({ reconnect: { minMs: 100, maxMs: 800 }, random: () => 1 });
    await gateway.start();
    smsc.refuseBinds(0x08); // ESME_RSYSERR: the SMSC is up but not ready, retried like an outage
    smsc.dropAll();
    await smsc.waitFor(() => gateway.state !== 'connected');
    const pending = gateway.send('+8613800138000', 'sent during the outage', { ref: 'outage' });
    await smsc.waitFor(() => smsc.bindAttempts.filter((b) => !b.accepted).length >= 4, 5000);
    smsc.refuseBinds(undefined);
    const result = await pending;
    expect(result.messageIds).toStrictEqual([smsc.submits.at(-1)?.messageId]);
    expect(smsc.submits.at(-1)?.text).toBe('sent during the outage');

    const refused = smsc.bindAttempts.filter((b) => !b.accepted).map((b) => b.at);
    const gaps = refused.slice(1).map((at, i) => at - (refused[i] ?? 0));
    // Delays 200, 400, 800 ms (random() = 1 takes the full step), each at least that long.
    expect(gaps[0]).toBeGreaterThanOrEqual(190);
    expect(gaps[1]).toBeGreaterThanOrEqual(390);
    expect(gaps[2]).toBeGreaterThanOrEqual(790);
    expect(states).toContain('disconnected');
    expect(gateway.state).toBe('connected');
  });

  it('retries a throttled submit with backoff, and gives up with SMS_THROTTLED when the SMSC keeps throttling', async () => {
    const { smsc, gateway } = await setup({ throttle: { retries: 3, minMs: 50, maxMs: 200 } });
    await gateway.start();
    smsc.throttleNext(2);
    const started = Date.now();
    const result = await gateway.send('+8613800138000', 'throttled twice', { ref: 't1' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(25 + 50); // at least half of each backoff step
    expect(result.messageIds).toHaveLength(1);
    expect(smsc.submits).toHaveLength(1);

    smsc.throttleNext(100);
    await expect(gateway.send('+8613800138000', 'throttled for good', { ref: 't2' })).rejects.toMatchObject({ smsCode: 'SMS_THROTTLED', code: 'RATE_LIMITED', gatewayStatus: 'ESME_RTHROTTLED (0x58)' });
  });

  it('reports the parts accepted before a failure, and a resumed send submits only the rest under the same reference', async () => {
    const { smsc, gateway } = await setup({ throttle: { retries: 0, minMs: 10, maxMs: 10 } });
    await gateway.start();
    const text = 'x'.repeat(153 * 2 + 10);
    smsc.throttleNext(1, { after: 1 });
    const failure = (await gateway.send('+8613800138000', text, { ref: 'r1' }).catch((err: unknown) => err)) as SmsGatewayError;
    expect(failure).toMatchObject({ smsCode: 'SMS_THROTTLED', sent: { messageIds: [smsc.submits[0]?.messageId] } });
    const result = await gateway.send('+8613800138000', text, { ref: 'r1', resume: failure.sent as SmsSendProgress });
    expect(smsc.submits.map((s) => s.udh[0]?.at(-1))).toEqual([1, 2, 3]);
    // One reference for all three parts, so the handset joins them.
    expect(new Set(smsc.submits.map((s) => s.udh[0]?.at(-3))).size).toBe(1);
    expect(result).toMatchObject({ messageIds: smsc.submits.map((s) => s.messageId), concatRef: failure.sent?.concatRef });
  });

  it('refuses bad credentials with SMS_AUTH_REFUSED and stays closed, without retrying', async () => {
    const { smsc, gateway, states } = await setup({ password: 'wrong' });
    await expect(gateway.start()).rejects.toMatchObject({ smsCode: 'SMS_AUTH_REFUSED', code: 'UNAVAILABLE', gatewayStatus: 'ESME_RINVPASWD (0x0e)' });
    expect(gateway.state).toBe('closed');
    expect(states.at(-1)).toBe('closed');
    await new Promise((r) => setTimeout(r, 200));
    expect(smsc.bindAttempts).toHaveLength(1);
    await expect(gateway.send('+8613800138000', 'x', { ref: 'x' })).rejects.toMatchObject({ smsCode: 'SMS_CLOSED' });
  });

  it('gives coded errors for a refused destination, a bad number, a text too long, and a send that finds no link', async () => {
    const { smsc, gateway } = await setup({ maxParts: 2, sendTimeoutMs: 300 });
    await gateway.start();
    await expect(gateway.send('0001234', 'hi', { ref: 'a' })).rejects.toMatchObject({ smsCode: 'SMS_REJECTED', gatewayStatus: 'ESME_RINVDSTADR (0x0b)' });
    await expect(gateway.send('not a number', 'hi', { ref: 'b' })).rejects.toMatchObject({ smsCode: 'SMS_INVALID_MESSAGE' });
    await expect(gateway.send('+8613800138000', '长'.repeat(135), { ref: 'c' })).rejects.toMatchObject({ smsCode: 'SMS_INVALID_MESSAGE' });
    await expect(gateway.send('+8613800138000', '', { ref: 'd' })).rejects.toMatchObject({ smsCode: 'SMS_INVALID_MESSAGE' });

    smsc.refuseBinds(0x08);
    smsc.dropAll();
    await expect(gateway.send('+8613800138000', 'nobody home', { ref: 'e' })).rejects.toMatchObject({ smsCode: 'SMS_NOT_CONNECTED' });
  });

  it('fails a send still waiting for the link with SMS_CLOSED when closed, and unbinds', async () => {
    const { smsc, gateway } = await setup();
    await gateway.start();
    smsc.refuseBinds(0x08);
    smsc.dropAll();
    await smsc.waitFor(() => gateway.state !== 'connected');
    const waiting = gateway.send('+8613800138000', 'never', { ref: 'closed' });
    await gateway.close();
    await expect(waiting).rejects.toMatchObject({ smsCode: 'SMS_CLOSED' });
    expect(gateway.state).toBe('closed');
  });
});

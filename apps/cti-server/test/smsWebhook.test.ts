import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebhookSmsGateway } from '../src/adapters/smsWebhook/webhookGateway.js';
import { registerSmsWebhookRoute } from '../src/adapters/smsWebhook/webhookRoutes.js';
import { signWebhook, WebhookVerifier } from '../src/adapters/smsWebhook/webhookSignature.js';
import type { DeliveryReceipt, InboundSms } from '../src/features/sms/smsGateway.js';
import { installErrorHandling } from '../src/http/errors.js';
import { freePort } from './support/telephony.js';

const OUTBOUND_SECRET = 'omnicc-to-provider-secret';
const INBOUND_SECRET = 'provider-to-omnicc-secret';
const PATH = '/api/sms/webhook/test-provider';

interface ProviderRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

/** An SMS provider's send endpoint on 127.0.0.1, answering from a script (last answer repeats). */
async function startProvider(answers: { status: number; body?: unknown }[]) {
  const requests: ProviderRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      requests.push({ headers: req.headers, body });
      const answer = answers[Math.min(requests.length - 1, answers.length - 1)] ?? { status: 500 };
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body ?? {}));
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}/send`, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let app: FastifyInstance;
let base: string;
let gateway: WebhookSmsGateway;
let inbound: InboundSms[];
let receipts: DeliveryReceipt[];
const cleanup: (() => Promise<void>)[] = [];

async function startGateway(sendUrl: string): Promise<void> {
  gateway = new WebhookSmsGateway({ sendUrl, outboundSecret: OUTBOUND_SECRET, inboundSecrets: [INBOUND_SECRET], sourceAddr: '10086', log: pino({ level: 'silent' }), backoff: { minMs: 20, maxMs: 50 }, retries: 2, timeoutMs: 2000 });
  inbound = [];
  receipts = [];
  gateway.on('inbound', (m) => void inbound.push(m));
  gateway.on('receipt', (r) => void receipts.push(r));
  await gateway.start();
  app = Fastify({ logger: false });
  installErrorHandling(app);
  await registerSmsWebhookRoute(app, { path: PATH, gateway });
  const port = await freePort();
  await app.listen({ host: '127.0.0.1', port });
  base = `http://127.0.0.1:${port}`;
  cleanup.push(() => app.close(), () => gateway.close());
}

beforeEach(() => {
  cleanup.length = 0;
});

afterEach(async () => {
  for (const done of cleanup.splice(0).reverse()) await done();
});

function callback(body: string, signature?: string): Promise<Response> {
  return fetch(`${base}${PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-omnicc-signature': signature } : {}) }, body });
}

describe('HTTP webhook SMS gateway', () => {
  it('posts a signed send with an idempotency key and returns the provider message ids', async () => {
    const provider = await startProvider([{ status: 200, body: { messageIds: ['p-1', 'p-2'] } }]);
    cleanup.push(provider.close);
    await startGateway(provider.url);
    const text = '您好'.repeat(40); // 80 characters: two UCS-2 parts
    expect(await gateway.send('+8613800138000', text, { ref: 'msg-1' })).toStrictEqual({ ref: 'msg-1', messageIds: ['p-1', 'p-2'], encoding: 'ucs2' });
    const [request] = provider.requests;
    expect(JSON.parse(request?.body ?? '')).toStrictEqual({ ref: 'msg-1', to: '+8613800138000', from: '10086', text, receipt: true });
    expect(request?.headers['idempotency-key']).toBe('msg-1');
    const verifier = new WebhookVerifier({ secrets: [OUTBOUND_SECRET] });
    expect(verifier.verify(String(request?.headers['x-omnicc-signature']), request?.body ?? '', Date.now())).toBeUndefined();
  });

  it('retries 5xx and 429 with the same idempotency key, and does not retry a refusal', async () => {
    const provider = await startProvider([{ status: 503 }, { status: 429 }, { status: 200, body: { messageIds: ['p-9'] } }]);
    cleanup.push(provider.close);
    await startGateway(provider.url);
    expect((await gateway.send('+8613800138000', 'retry me', { ref: 'r-1' })).messageIds).toStrictEqual(['p-9']);
    expect(provider.requests.map((r) => r.headers['idempotency-key'])).toStrictEqual(['r-1', 'r-1', 'r-1']);
  });

  it('gives coded errors: credentials refused, message refused, provider unreachable', async () => {
    const refusing = await startProvider([{ status: 401 }]);
    cleanup.push(refusing.close);
    await startGateway(refusing.url);
    await expect(gateway.send('+8613800138000', 'x', { ref: 'a' })).rejects.toMatchObject({ smsCode: 'SMS_AUTH_REFUSED', gatewayStatus: 'HTTP 401' });
    expect(refusing.requests).toHaveLength(1);

    const rejecting = await startProvider([{ status: 422 }]);
    cleanup.push(rejecting.close);
    await startGateway(rejecting.url);
    await expect(gateway.send('+8613800138000', 'x', { ref: 'b' })).rejects.toMatchObject({ smsCode: 'SMS_REJECTED', code: 'BAD_REQUEST' });

    await startGateway(`http://127.0.0.1:${await freePort()}/send`);
    await expect(gateway.send('+8613800138000', 'x', { ref: 'c' })).rejects.toMatchObject({ smsCode: 'SMS_NOT_CONNECTED' });
    await expect(gateway.send('12-34', 'x', { ref: 'd' })).rejects.toMatchObject({ smsCode: 'SMS_INVALID_MESSAGE' });
  });

  it('takes a signed inbound callback and a signed receipt', async () => {
    await startGateway('http://127.0.0.1:9/unused');
    const message = JSON.stringify({ type: 'inbound', id: 'in-1', from: '+8613800138000', to: '10086', text: '退订', receivedAt: '2026-11-24T16:00:00+08:00' });
    expect((await callback(message, signWebhook(INBOUND_SECRET, message, Date.now()))).status).toBe(204);
    expect(inbound).toStrictEqual([{ from: '+8613800138000', to: '10086', text: '退订', receivedAt: new Date('2026-11-24T08:00:00Z'), parts: 1, missingParts: [], gatewayMessageId: 'in-1' }]);

    const receipt = JSON.stringify({ type: 'receipt', messageId: 'p-1', status: 'UNDELIV', errorCode: '034' });
    expect((await callback(receipt, signWebhook(INBOUND_SECRET, receipt, Date.now()))).status).toBe(204);
    expect(receipts).toMatchObject([{ messageId: 'p-1', status: 'undeliverable', final: true, gatewayStatus: 'UNDELIV', errorCode: '034' }]);
  });

  it('refuses a forged, unsigned, replayed or stale callback with 401 and emits nothing', async () => {
    await startGateway('http://127.0.0.1:9/unused');
    const message = JSON.stringify({ type: 'inbound', id: 'in-2', from: '+8613800138000', to: '10086', text: 'hello', receivedAt: '2026-11-24T08:00:00Z' });
    const forged = await callback(message, signWebhook('not-the-provider-secret', message, Date.now()));
    expect(forged.status).toBe(401);
    expect(await forged.json()).toStrictEqual({ error: { code: 'UNAUTHENTICATED', message: 'callback signature mismatch' } });
    expect((await callback(message)).status).toBe(401);
    expect((await callback(message, signWebhook(INBOUND_SECRET, message, Date.now() - 10 * 60_000))).status).toBe(401);

    const genuine = signWebhook(INBOUND_SECRET, message, Date.now());
    expect((await callback(message, genuine)).status).toBe(204);
    const replay = await callback(message, genuine);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ error: { message: 'callback signature replayed' } });
    expect(inbound).toHaveLength(1);
  });

  it('answers 503 when the callback could not be stored, and takes the provider\'s retry of the same request', async () => {
    await startGateway('http://127.0.0.1:9/unused');
    let storeDown = true;
    gateway.on('receipt', async () => {
      await new Promise((r) => setTimeout(r, 5));
      if (storeDown) throw new Error('store down');
    });
    const receipt = JSON.stringify({ type: 'receipt', messageId: 'p-7', status: 'DELIVRD' });
    const signature = signWebhook(INBOUND_SECRET, receipt, Date.now());
    const first = await callback(receipt, signature);
    expect(first.status).toBe(503);
    expect(await first.json()).toMatchObject({ error: { code: 'UNAVAILABLE' } });
    storeDown = false;
    expect((await callback(receipt, signature)).status).toBe(204);
    expect(receipts.map((r) => r.messageId)).toStrictEqual(['p-7', 'p-7']);
    expect((await callback(receipt, signature)).status).toBe(401); // taken now: a third copy is a replay
  });

  it('answers 400 to a genuine callback whose body breaks the contract', async () => {
    await startGateway('http://127.0.0.1:9/unused');
    const bad = JSON.stringify({ type: 'inbound', from: '+8613800138000' });
    const response = await callback(bad, signWebhook(INBOUND_SECRET, bad, Date.now()));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    expect(inbound).toHaveLength(0);
  });
});

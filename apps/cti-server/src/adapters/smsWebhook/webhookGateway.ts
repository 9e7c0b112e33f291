import type { Logger } from 'pino';
import { deliveryStatusFromWord, isFinalStatus } from '../../features/sms/deliveryStatus.js';
import { isPhoneNumber } from '../../features/sms/phoneNumber.js';
import { backoffDelay } from '../../features/sms/retryBackoff.js';
import { splitForSending } from '../../features/sms/segmentation.js';
import { SmsGatewayError } from '../../features/sms/smsErrors.js';
import type { DeliveryReceipt, InboundSms, SmsGateway, SmsSendOptions, SmsSendResult } from '../../features/sms/smsGateway.js';
import { SmsGatewayBase } from '../../features/sms/smsGatewayBase.js';
import { webhookCallbackSchema, webhookSendResponseSchema, type WebhookCallback, type WebhookSendRequest } from './webhookMessages.js';
import { SIGNATURE_HEADER, signWebhook, WebhookVerifier } from './webhookSignature.js';

export interface WebhookGatewayOptions {
  name?: string;
  /** The provider's send endpoint. */
  sendUrl: string;
  /** Signs our sends, so the provider can tell them from forgeries. */
  outboundSecret: string;
  /** Verify the provider's callbacks: current secret first, the previous one during a rotation. */
  inboundSecrets: readonly string[];
  /** Extra headers for the provider (an API key). */
  headers?: Readonly<Record<string, string>>;
  sourceAddr?: string;
  timeoutMs?: number;
  /** Retries of a send that failed on the network, 429 or 5xx. */
  retries?: number;
  backoff?: { minMs: number; maxMs: number };
  toleranceSeconds?: number;
  maxParts?: number;
  log: Logger;
  random?: () => number;
  now?: () => number;
}

/**
 * SmsGateway over an HTTP provider: sends are signed JSON POSTs (retried on
 * network errors, 429 and 5xx, with `Idempotency-Key` so a retry after a
 * lost answer is not a second message), and the provider's callbacks
 * (inbound messages, receipts) come in through `handleCallback`, which the
 * route plugin feeds with the raw body. The provider splits long texts; we
 * only count the parts for the part limit and report the encoding.
 */
export class WebhookSmsGateway extends SmsGatewayBase implements SmsGateway {
  private closed = false;
  private readonly verifier: WebhookVerifier;
  private readonly inFlight = new Set<AbortController>();
  private readonly now: () => number;

  constructor(private readonly options: WebhookGatewayOptions) {
    super(options.name ?? `webhook:${new URL(options.sendUrl).host}`, options.log);
    this.verifier = new WebhookVerifier({ secrets: options.inboundSecrets, ...(options.toleranceSeconds === undefined ? {} : { toleranceSeconds: options.toleranceSeconds }) });
    this.now = options.now ?? Date.now;
  }

  /** Nothing to connect: HTTP is per request. */
  start(): Promise<void> {
    if (this.closed) return Promise.reject(this.closedError());
    this.setState('connected');
    return Promise.resolve();
  }

  async send(to: string, text: string, options: SmsSendOptions): Promise<SmsSendResult> {
    if (this.closed) throw this.closedError();
    if (!isPhoneNumber(to)) throw new SmsGatewayError('SMS_INVALID_MESSAGE', `not a phone number: ${JSON.stringify(to)}`);
    const { encoding } = splitForSending(text, this.options.maxParts ?? 10);
    const from = options.from ?? this.options.sourceAddr;
    const request: WebhookSendRequest = { ref: options.ref, to, text, receipt: options.receipt ?? true, ...(from === undefined ? {} : { from }) };
    const body = JSON.stringify(request);
    const retries = this.options.retries ?? 3;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.post(body, options.ref);
      if (outcome.ok) return { ref: options.ref, messageIds: outcome.messageIds, encoding };
      if (!outcome.retry || attempt >= retries) throw outcome.error;
      const delay = backoffDelay(attempt, { minMs: 200, maxMs: 5000, ...this.options.backoff, ...(this.options.random ? { random: this.options.random } : {}) });
      this.options.log.info({ gateway: this.name, ref: options.ref, delay, reason: outcome.error.message }, 'SMS provider send failed; retrying');
      await new Promise((r) => setTimeout(r, delay));
      if (this.closed) throw this.closedError();
    }
  }

  /**
   * One provider callback, as received: verifies the signature (SMS_BAD_SIGNATURE),
   * parses the body (SMS_BAD_CALLBACK), then hands it to the listeners and
   * waits for them (SMS_NOT_TAKEN when one failed). Answer 2xx only after
   * this resolves, so the provider retries what we did not store.
   */
  async handleCallback(rawBody: string, signature: string | undefined): Promise<void> {
    const refusal = this.verifier.verify(signature, rawBody, this.now());
    if (refusal) throw new SmsGatewayError('SMS_BAD_SIGNATURE', `callback signature ${refusal}`);
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      throw new SmsGatewayError('SMS_BAD_CALLBACK', 'callback body is not JSON');
    }
    const parsed = webhookCallbackSchema.safeParse(json);
    if (!parsed.success) throw new SmsGatewayError('SMS_BAD_CALLBACK', `callback: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    if (await this.deliverCallback(parsed.data)) return;
    // Not stored: the provider's retry of this very request must not be refused as a replay.
    this.verifier.forget(signature);
    throw new SmsGatewayError('SMS_NOT_TAKEN', 'callback not stored; retry later');
  }

  close(): Promise<void> {
    this.closed = true;
    this.setState('closed');
    for (const controller of this.inFlight) controller.abort();
    return Promise.resolve();
  }

  private deliverCallback(callback: WebhookCallback): Promise<boolean> {
    const receivedAt = new Date(this.now());
    if (callback.type === 'inbound') {
      const message: InboundSms = { from: callback.from, to: callback.to, text: callback.text, receivedAt: new Date(callback.receivedAt), parts: callback.parts ?? 1, missingParts: [], gatewayMessageId: callback.id };
      return this.events.deliver('inbound', message);
    }
    const status = deliveryStatusFromWord(callback.status);
    const receipt: DeliveryReceipt = { messageId: callback.messageId, status, final: isFinalStatus(status), gatewayStatus: callback.status, receivedAt };
    if (callback.errorCode !== undefined) receipt.errorCode = callback.errorCode;
    if (callback.doneAt !== undefined) receipt.doneAt = new Date(callback.doneAt);
    return this.events.deliver('receipt', receipt);
  }

  /** One POST; says whether a failure is worth retrying. */
  private async post(body: string, ref: string): Promise<{ ok: true; messageIds: string[] } | { ok: false; retry: boolean; error: SmsGatewayError }> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs ?? 10_000);
    try {
      const response = await fetch(this.options.sendUrl, {
        method: 'POST',
        headers: { ...this.options.headers, 'content-type': 'application/json', 'idempotency-key': ref, [SIGNATURE_HEADER]: signWebhook(this.options.outboundSecret, body, this.now()) },
        body,
        signal: controller.signal,
      });
      const status = `HTTP ${response.status}`;
      if (response.status === 401 || response.status === 403) return { ok: false, retry: false, error: new SmsGatewayError('SMS_AUTH_REFUSED', `provider refused our credentials: ${status}`, status) };
      if (response.status === 429) return { ok: false, retry: true, error: new SmsGatewayError('SMS_THROTTLED', `provider throttled the send: ${status}`, status) };
      if (response.status >= 500) return { ok: false, retry: true, error: new SmsGatewayError('SMS_NOT_CONNECTED', `provider failed: ${status}`, status) };
      if (!response.ok) return { ok: false, retry: false, error: new SmsGatewayError('SMS_REJECTED', `provider refused the message: ${status}`, status) };
      const parsed = webhookSendResponseSchema.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success) return { ok: false, retry: false, error: new SmsGatewayError('SMS_PROTOCOL', 'provider answered without message ids', status) };
      return { ok: true, messageIds: parsed.data.messageIds };
    } catch (err) {
      if (this.closed) return { ok: false, retry: false, error: this.closedError() };
      const timedOut = controller.signal.aborted;
      return { ok: false, retry: true, error: new SmsGatewayError(timedOut ? 'SMS_TIMEOUT' : 'SMS_NOT_CONNECTED', timedOut ? 'provider did not answer in time' : `provider unreachable: ${err instanceof Error ? err.message : String(err)}`) };
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }
}

import type { PDU } from 'smpp';
import { concatHeader } from '../../features/sms/concatenation.js';
import { backoffDelay } from '../../features/sms/retryBackoff.js';
import { DATA_CODING, encodeText, splitForSending } from '../../features/sms/segmentation.js';
import { SmsGatewayError } from '../../features/sms/smsErrors.js';
import type { SmsGateway, SmsSendOptions, SmsSendResult } from '../../features/sms/smsGateway.js';
import { SmsGatewayBase } from '../../features/sms/smsGatewayBase.js';
import { phoneAddress, senderAddress } from './smppAddress.js';
import { SmppLink, type SmppLinkOptions } from './smppLink.js';
import { SmppInbound } from './smppInbound.js';
import { isThrottling, SMPP_STATUS, statusName } from './smppStatus.js';
import { SubmitWindow } from './submitWindow.js';
import { WakeableSleeps } from './wakeableSleep.js';

export interface SmppGatewayOptions extends Omit<SmppLinkOptions, 'responseTimeoutMs' | 'enquireLinkMs'> {
  name?: string;
  /** Our sender address (a number or an alphanumeric name) when a send names none. */
  sourceAddr: string;
  responseTimeoutMs?: number;
  enquireLinkMs?: number;
  /** Reconnect delays: doubling from minMs to maxMs, with jitter. */
  reconnect?: { minMs: number; maxMs: number };
  /** How long a send waits for a bound link (across reconnects) before SMS_NOT_CONNECTED. */
  sendTimeoutMs?: number;
  /** Retries of one part the SMSC throttled, with their backoff. */
  throttle?: { retries: number; minMs: number; maxMs: number };
  /** Longest message, in parts; longer is SMS_INVALID_MESSAGE rather than a surprise bill. */
  maxParts?: number;
  /** Submits in flight at once (the SMSC's window). */
  window?: number;
  /** How long the first part of a long inbound message waits for the rest. */
  joinTimeoutMs?: number;
  maxPendingJoins?: number;
  /** [0, 1) for backoff jitter and the first concatenation reference. */
  random?: () => number;
}

const ESM_UDH_INDICATOR = 0x40;

/** A gateway's default name: message ids are unique per SMSC, so receipts are matched within it. */
export const smppGatewayName = (host: string, port: number): string => `smpp:${host}:${port}`;

/**
 * SmsGateway over one SMPP 3.4 transceiver bind. Keeps the bind up
 * (reconnecting with backoff until close), splits long texts with 8-bit
 * concatenation headers in GSM-7 or UCS-2, retries throttled parts, joins
 * long inbound messages and turns receipts into DeliveryReceipts.
 * A part whose submit_sm_resp was lost when the link dropped is submitted
 * again on the next link: at least once, never silently dropped.
 */
export class SmppSmsGateway extends SmsGatewayBase implements SmsGateway {
  private link: SmppLink | undefined;
  private closed = false;
  private running: Promise<void> | undefined;
  private started: { promise: Promise<void>; resolve: () => void; reject: (err: Error) => void } | undefined;
  private readonly linkWaits = new WakeableSleeps();
  private readonly backoffs = new WakeableSleeps();
  private readonly inbound: SmppInbound;
  private readonly window: SubmitWindow;
  private nextRef: number;
  private readonly random: () => number;

  constructor(private readonly options: SmppGatewayOptions) {
    super(options.name ?? smppGatewayName(options.host, options.port), options.log);
    this.random = options.random ?? Math.random;
    this.nextRef = Math.floor(this.random() * 256);
    this.inbound = new SmppInbound({ gateway: this.name, events: this.events, log: options.log, joinTimeoutMs: options.joinTimeoutMs ?? 60_000, maxPendingJoins: options.maxPendingJoins ?? 1000 });
    this.window = new SubmitWindow(options.window ?? 10);
    senderAddress(options.sourceAddr); // a bad configured sender fails here, not on the first send
  }

  /**
   * Binds; resolves at the first bind. Network failures are retried with
   * backoff (start waits); credentials refused at the first bind reject
   * with SMS_AUTH_REFUSED and close the gateway, since retrying them only
   * gets our account locked. A refusal after a successful bind (the SMSC
   * restarting) is retried like any outage.
   */
  start(): Promise<void> {
    if (this.closed) return Promise.reject(this.closedError());
    if (!this.started) {
      let resolve!: () => void;
      let reject!: (err: Error) => void;
      const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
      this.started = { promise, resolve, reject };
      this.running = this.keepBound();
    }
    return this.started.promise;
  }

  async send(to: string, text: string, options: SmsSendOptions): Promise<SmsSendResult> {
    if (this.closed) throw this.closedError();
    const destination = phoneAddress(to);
    const source = senderAddress(options.from ?? this.options.sourceAddr);
    const { encoding, parts } = splitForSending(text, this.options.maxParts ?? 10);
    const ref = options.resume?.concatRef ?? (this.nextRef++ & 0xff);
    const deadline = Date.now() + (this.options.sendTimeoutMs ?? 30_000);
    const messageIds = options.resume?.messageIds.slice(0, parts.length) ?? [];
    for (const [i, part] of parts.entries()) {
      if (i < messageIds.length) continue;
      const body = encodeText(part, encoding);
      const long = parts.length > 1;
      const messageId = await this.submit(
        {
          source_addr: source.addr,
          source_addr_ton: source.ton,
          source_addr_npi: source.npi,
          destination_addr: destination.addr,
          dest_addr_ton: destination.ton,
          dest_addr_npi: destination.npi,
          esm_class: long ? ESM_UDH_INDICATOR : 0,
          data_coding: DATA_CODING[encoding],
          registered_delivery: options.receipt === false ? 0 : 1,
          // A Buffer bypasses the package's own encoder: we chose the coding and built the header.
          short_message: long ? Buffer.concat([concatHeader(ref, parts.length, i + 1), body]) : body,
        },
        deadline,
        options.ref,
      ).catch((err: unknown) => {
        // The caller may go on from here instead of sending the accepted parts again.
        if (err instanceof SmsGatewayError && messageIds.length > 0) err.sent = { concatRef: ref, messageIds: [...messageIds] };
        throw err;
      });
      messageIds.push(messageId);
    }
    return { ref: options.ref, messageIds, encoding, ...(parts.length > 1 ? { concatRef: ref } : {}) };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.started?.reject(new SmsGatewayError('SMS_CLOSED', `${this.name} closed before it bound`));
    this.linkWaits.wakeAll();
    this.backoffs.wakeAll();
    await this.inbound.flush();
    await this.link?.close();
    await this.running;
    this.setState('closed');
  }

  /** Submits one part until accepted; retries across reconnects (until the deadline) and throttling (bounded). */
  private async submit(fields: Record<string, unknown>, deadline: number, ref: string): Promise<string> {
    for (let throttled = 0; ; ) {
      const link = await this.boundLink(deadline);
      let response: PDU;
      try {
        response = await this.window.run(() => link.request('submit_sm', fields));
      } catch (err) {
        if (err instanceof SmsGatewayError && (err.smsCode === 'SMS_NOT_CONNECTED' || err.smsCode === 'SMS_TIMEOUT')) continue;
        throw err;
      }
      const status = response.command_status;
      if (status === SMPP_STATUS.OK) return typeof response.message_id === 'string' ? response.message_id : '';
      if (!isThrottling(status)) throw new SmsGatewayError('SMS_REJECTED', `SMSC refused the message: ${statusName(status)}`, statusName(status));
      const retries = this.options.throttle?.retries ?? 6;
      if (throttled >= retries) throw new SmsGatewayError('SMS_THROTTLED', `SMSC still throttling after ${retries} retries`, statusName(status));
      const delay = backoffDelay(throttled++, { minMs: 200, maxMs: 5000, ...this.options.throttle, random: this.random });
      this.options.log.info({ gateway: this.name, ref, delay, status: statusName(status) }, 'SMSC throttled a submit; retrying');
      await this.backoffs.sleep(delay);
      if (this.closed) throw this.closedError();
    }
  }

  /** The bound link, waiting across reconnects until the deadline. */
  private async boundLink(deadline: number): Promise<SmppLink> {
    for (;;) {
      if (this.closed) throw this.closedError();
      if (this.link?.isUp) return this.link;
      const left = deadline - Date.now();
      if (left <= 0) throw new SmsGatewayError('SMS_NOT_CONNECTED', `${this.name} not bound within the send timeout`);
      await this.linkWaits.sleep(left);
    }
  }

  /** Binds, waits for the link to drop, backs off, binds again: until close. */
  private async keepBound(): Promise<void> {
    let attempt = 0;
    let everBound = false;
    while (!this.closed) {
      this.setState('connecting');
      let lost!: (reason: string) => void;
      const down = new Promise<string>((resolve) => (lost = resolve));
      try {
        const link = await SmppLink.open(
          { ...this.options, responseTimeoutMs: this.options.responseTimeoutMs ?? 10_000, enquireLinkMs: this.options.enquireLinkMs ?? 30_000 },
          { onDeliver: (pdu) => this.inbound.take(pdu), onDown: (reason) => lost(reason) },
        );
        if (this.closed) {
          await link.close();
          return;
        }
        this.link = link;
        attempt = 0;
        everBound = true;
        this.setState('connected');
        this.started?.resolve();
        this.linkWaits.wakeAll();
        const reason = await down;
        this.link = undefined;
        if (this.closed) return;
        this.setState('disconnected', reason);
      } catch (err) {
        if (err instanceof SmsGatewayError && err.smsCode === 'SMS_AUTH_REFUSED' && !everBound) {
          this.closed = true;
          this.started?.reject(err);
          this.linkWaits.wakeAll();
          this.setState('closed', err.message);
          return;
        }
        this.setState('disconnected', err instanceof Error ? err.message : String(err));
      }
      if (this.closed) return;
      const delay = backoffDelay(attempt++, { minMs: 500, maxMs: 30_000, ...this.options.reconnect, random: this.random });
      this.options.log.warn({ gateway: this.name, delay, attempt }, 'SMPP link down; reconnecting');
      await this.backoffs.sleep(delay);
    }
  }
}

import type { Logger } from 'pino';
import smpp, { type PDU, type Session } from 'smpp';
import { SmsGatewayError } from '../../features/sms/smsErrors.js';
import { isCredentialRefusal, SMPP_STATUS, statusName } from './smppStatus.js';

export interface SmppLinkOptions {
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType?: string;
  /** How long a request (bind, submit, enquire_link, unbind) waits for its response. */
  responseTimeoutMs: number;
  /** Idle keepalive: an enquire_link this often; no answer drops the link. */
  enquireLinkMs: number;
  log: Logger;
}

export interface SmppLinkHandlers {
  /** A deliver_sm from the SMSC; answered ESME_ROK once this resolves, ESME_RX_T_APPN (the SMSC redelivers later) when it rejects. */
  onDeliver: (pdu: PDU) => Promise<void>;
  /** The link is gone (peer closed, socket error, keepalive unanswered); called once. */
  onDown: (reason: string) => void;
}

interface Waiting {
  resolve: (pdu: PDU) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * One bound transceiver session with an SMSC: connect, bind_transceiver,
 * requests with their own response timeout (the smpp package has none),
 * answers to the SMSC's enquire_link and unbind, our enquire_link
 * keepalive, and unbind on close. It never reconnects: the gateway makes a
 * new link, so every link starts from a clean sequence and callback table.
 */
export class SmppLink {
  private readonly waiting = new Map<number, Waiting>();
  private keepalive: NodeJS.Timeout | undefined;
  private down = false;

  private constructor(
    private readonly session: Session,
    private readonly options: SmppLinkOptions,
    private readonly handlers: SmppLinkHandlers,
  ) {}

  /** Connects and binds; rejects with SMS_AUTH_REFUSED, SMS_NOT_CONNECTED, SMS_TIMEOUT or SMS_PROTOCOL. */
  static async open(options: SmppLinkOptions, handlers: SmppLinkHandlers): Promise<SmppLink> {
    const session = smpp.connect({ host: options.host, port: options.port });
    const link = new SmppLink(session, options, handlers);
    await link.connected();
    const response = await link.request('bind_transceiver', {
      system_id: options.systemId,
      password: options.password,
      system_type: options.systemType ?? '',
      interface_version: 0x34,
    });
    if (response.command_status !== SMPP_STATUS.OK) {
      link.destroy('bind refused');
      const status = statusName(response.command_status);
      if (isCredentialRefusal(response.command_status)) throw new SmsGatewayError('SMS_AUTH_REFUSED', `SMSC refused the bind as ${options.systemId}: ${status}`, status);
      throw new SmsGatewayError('SMS_NOT_CONNECTED', `SMSC refused the bind: ${status}`, status);
    }
    link.startKeepalive();
    return link;
  }

  get isUp(): boolean {
    return !this.down;
  }

  /** Sends a request and resolves with its response (any command_status); rejects when the link goes down or the response is late. */
  request(command: string, fields: Record<string, unknown> = {}): Promise<PDU> {
    if (this.down) return Promise.reject(new SmsGatewayError('SMS_NOT_CONNECTED', 'SMPP link is down'));
    const pdu = new smpp.PDU(command, fields);
    return new Promise<PDU>((resolve, reject) => {
      const sent = this.session.send(pdu, (response) => {
        const w = this.waiting.get(response.sequence_number);
        if (!w) return;
        this.waiting.delete(response.sequence_number);
        clearTimeout(w.timer);
        resolve(response);
      });
      if (!sent) {
        // Take the link down now, not at the socket's 'close': a caller retrying on the same link would spin.
        this.destroy('socket not writable');
        reject(new SmsGatewayError('SMS_NOT_CONNECTED', 'SMPP socket not writable'));
        return;
      }
      const timer = setTimeout(() => {
        this.waiting.delete(pdu.sequence_number);
        reject(new SmsGatewayError('SMS_TIMEOUT', `no ${command}_resp within ${this.options.responseTimeoutMs} ms`));
        // A missing response means the SMSC or the path is stuck; a new link is the way out.
        this.destroy(`${command} unanswered`);
      }, this.options.responseTimeoutMs);
      this.waiting.set(pdu.sequence_number, { resolve, reject, timer });
    });
  }

  /** Unbinds (waiting briefly for unbind_resp), then closes the socket. */
  async close(): Promise<void> {
    if (this.down) return;
    await this.request('unbind').catch(() => undefined);
    this.destroy('closed');
  }

  /** Drops the socket at once; pending requests fail with SMS_NOT_CONNECTED. */
  destroy(reason: string): void {
    if (this.down) return;
    this.down = true;
    clearInterval(this.keepalive);
    for (const w of this.waiting.values()) {
      clearTimeout(w.timer);
      w.reject(new SmsGatewayError('SMS_NOT_CONNECTED', `SMPP link down: ${reason}`));
    }
    this.waiting.clear();
    this.session.destroy();
    this.handlers.onDown(reason);
  }

  private connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.destroy('connect timeout');
        reject(new SmsGatewayError('SMS_TIMEOUT', `no TCP connection to ${this.options.host}:${this.options.port} within ${this.options.responseTimeoutMs} ms`));
      }, this.options.responseTimeoutMs);
      this.session.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      // Without an 'error' listener the package's emitter would throw; after a framing error it stops reading, so the link must go.
      this.session.on('error', (err: Error) => {
        clearTimeout(timer);
        reject(new SmsGatewayError('SMS_NOT_CONNECTED', `SMPP connection to ${this.options.host}:${this.options.port} failed: ${err.message}`));
        this.destroy(`socket error: ${err.message}`);
      });
      this.session.on('close', () => {
        clearTimeout(timer);
        reject(new SmsGatewayError('SMS_NOT_CONNECTED', 'SMPP connection closed'));
        this.destroy('peer closed');
      });
      this.session.on('pdu', (pdu: PDU) => this.onPdu(pdu));
    });
  }

  private onPdu(pdu: PDU): void {
    if (pdu.isResponse()) return; // matched by the send callback
    switch (pdu.command) {
      case 'deliver_sm':
        this.handlers.onDeliver(pdu).then(
          () => this.session.send(pdu.response({ message_id: '' })),
          (err: unknown) => {
            // Not stored on our side: a temporary refusal makes the SMSC redeliver it later.
            this.options.log.warn({ err }, 'deliver_sm not taken; SMSC will redeliver');
            this.session.send(pdu.response({ command_status: SMPP_STATUS.TEMPORARY_APP_ERROR }));
          },
        );
        return;
      case 'enquire_link':
        this.session.send(pdu.response());
        return;
      case 'unbind':
        this.session.send(pdu.response(), () => this.destroy('SMSC unbound'));
        return;
      case 'alert_notification':
        return; // has no response in SMPP 3.4; we do not use it
      default:
        // An operation a transceiver ESME does not take (or an unknown command id).
        this.session.send(new smpp.PDU('generic_nack', { command_status: SMPP_STATUS.INVALID_COMMAND, sequence_number: pdu.sequence_number }));
    }
  }

  private startKeepalive(): void {
    this.keepalive = setInterval(() => {
      this.request('enquire_link').catch(() => undefined);
    }, this.options.enquireLinkMs);
    this.keepalive.unref();
  }
}

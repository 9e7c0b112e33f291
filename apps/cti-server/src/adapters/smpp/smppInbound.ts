import type { Logger } from 'pino';
import type { PDU } from 'smpp';
import { MultipartAssembler, type AssembledMessage } from '../../features/sms/multipartAssembler.js';
import { SmsGatewayError } from '../../features/sms/smsErrors.js';
import type { SmsEventHub } from '../../features/sms/smsEvents.js';
import { readDeliverSm } from './deliverSm.js';

export interface SmppInboundOptions {
  gateway: string;
  events: SmsEventHub;
  log: Logger;
  joinTimeoutMs: number;
  maxPendingJoins: number;
}

/**
 * What comes in over deliver_sm: receipts and handset messages, the latter
 * joined from their parts. `take` resolves once the listeners stored what
 * the PDU completed, and rejects (SMS_NOT_TAKEN) when they could not, so
 * the link answers the SMSC "try again later" instead of losing it.
 */
export class SmppInbound {
  private readonly assembler: MultipartAssembler;
  private joinTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SmppInboundOptions) {
    this.assembler = new MultipartAssembler({ timeoutMs: options.joinTimeoutMs, maxPending: options.maxPendingJoins });
  }

  async take(pdu: PDU): Promise<void> {
    const content = readDeliverSm(pdu, new Date());
    if (content.kind === 'unreadable') {
      // Acknowledged all the same: a redelivery would be just as unreadable.
      this.options.log.warn({ gateway: this.options.gateway, reason: content.reason }, 'unreadable deliver_sm');
      return;
    }
    if (content.kind === 'receipt') {
      if (!(await this.options.events.deliver('receipt', content.receipt))) throw notTaken('receipt');
      return;
    }
    const completed = this.assembler.add(content.part, Date.now());
    this.scheduleJoinExpiry();
    for (const message of completed) {
      if (await this.options.events.deliver('inbound', message)) continue;
      if (message.missingParts.length > 0) {
        // Pushed out by the bound: its parts were acknowledged long ago, nothing to refuse.
        this.options.log.error({ gateway: this.options.gateway, from: message.from }, 'incomplete inbound SMS not stored');
        continue;
      }
      // This part completed it: refuse this part, and keep the others waiting for its redelivery.
      if (content.part.concat) this.assembler.reopen(message, content.part.concat.seq, Date.now());
      this.scheduleJoinExpiry();
      throw notTaken('inbound SMS');
    }
  }

  /** On close: parts still waiting for their siblings go on as they are, so the customer's words are not dropped. */
  async flush(): Promise<void> {
    clearTimeout(this.joinTimer);
    this.joinTimer = undefined;
    await this.deliverExpired(this.assembler.expire(Number.POSITIVE_INFINITY));
  }

  private scheduleJoinExpiry(): void {
    const at = this.assembler.nextExpiryMs();
    if (this.joinTimer || at === undefined) return;
    this.joinTimer = setTimeout(() => {
      this.joinTimer = undefined;
      void this.deliverExpired(this.assembler.expire(Date.now())).finally(() => this.scheduleJoinExpiry());
    }, Math.max(0, at - Date.now()));
    this.joinTimer.unref();
  }

  private async deliverExpired(messages: AssembledMessage[]): Promise<void> {
    for (const message of messages) {
      if (await this.options.events.deliver('inbound', message)) continue;
      this.options.log.error({ gateway: this.options.gateway, from: message.from, missingParts: message.missingParts }, 'incomplete inbound SMS not stored');
    }
  }
}

function notTaken(what: string): SmsGatewayError {
  return new SmsGatewayError('SMS_NOT_TAKEN', `${what} not stored; the SMSC will redeliver it`);
}

import type { DeliveryStatus } from './deliveryStatus.js';
import type { SmsEncoding } from './segmentation.js';

/** Connection state of a gateway; an HTTP gateway is `connected` from start to close. */
export type SmsGatewayState = 'connecting' | 'connected' | 'disconnected' | 'closed';

export interface SmsSendOptions {
  /** Our reference for this send (message row, group-send recipient): logged and echoed back, never sent to the handset. */
  ref: string;
  /** Sender address; the gateway's configured default when absent. */
  from?: string;
  /** Ask for delivery receipts (default true). */
  receipt?: boolean;
  /**
   * Go on with a send that failed part-way (the `sent` of its
   * SmsGatewayError): the parts already accepted are not sent again, the
   * rest go with the same concatenation reference, and the result lists
   * every part's id. Gateways that send a text in one request ignore it.
   */
  resume?: SmsSendProgress;
}

/** The parts of a long message a gateway accepted so far, in order, and the concatenation reference they carry. */
export interface SmsSendProgress {
  concatRef: number;
  messageIds: string[];
}

/** What the gateway accepted: one message id per part, in part order; receipts name these ids. */
export interface SmsSendResult {
  ref: string;
  messageIds: string[];
  encoding: SmsEncoding;
  /** The concatenation reference of a long message sent in parts. */
  concatRef?: number;
}

/** A message from a handset, joined from its parts. */
export interface InboundSms {
  from: string;
  to: string;
  text: string;
  receivedAt: Date;
  /** How many parts it came in (1 for a short message). */
  parts: number;
  /**
   * Part numbers (1-based) that never came before the join timeout; their
   * text is missing from `text`. Empty when complete. Delivered anyway: a
   * customer's words are not dropped for a lost part.
   */
  missingParts: number[];
  /** The gateway's id when it gives one (HTTP providers do), for de-duplication. */
  gatewayMessageId?: string;
}

/** A delivery receipt for one part, by the id `send` returned. */
export interface DeliveryReceipt {
  messageId: string;
  status: DeliveryStatus;
  /** No further receipt follows for this message id. */
  final: boolean;
  /** The gateway's own status word (`DELIVRD`, `UNDELIV`, a CMPP `MK:0005`…). */
  gatewayStatus: string;
  /** The network or gateway error code, when the receipt carries one. */
  errorCode?: string;
  /** When the message reached this state, when the receipt says so. */
  doneAt?: Date;
  receivedAt: Date;
}

/**
 * Listeners of `inbound` and `receipt` may be async: the gateway
 * acknowledges the message or receipt to the SMSC or provider only after
 * every listener settled, and refuses it (for a later redelivery) when one
 * failed. So store it before returning; expect an occasional redelivery
 * (a lost acknowledgement) and de-duplicate.
 */
export interface SmsGatewayEvents {
  inbound: (message: InboundSms) => void | Promise<void>;
  receipt: (receipt: DeliveryReceipt) => void | Promise<void>;
  /** `reason` says why it went down (a coded error's message). */
  state: (state: SmsGatewayState, reason?: string) => void;
}

/**
 * One way to reach handsets: an SMPP bind, an HTTP provider, later CMPP
 * (docs/sms.md). The SMS feature sees only this, so threading, replies,
 * group send and surveys do not care which gateway carries a message.
 */
export interface SmsGateway {
  readonly name: string;
  readonly state: SmsGatewayState;
  /** Connects (SMPP binds); resolves once usable, rejects with SmsGatewayError when the gateway refuses us. */
  start(): Promise<void>;
  /**
   * Sends one text, split into parts as needed; resolves once the gateway
   * accepted every part. Rejects with SmsGatewayError; parts accepted
   * before a failure may still be delivered, and the error's `sent` lists
   * them (pass it back as `resume` so they do not go twice).
   */
  send(to: string, text: string, options: SmsSendOptions): Promise<SmsSendResult>;
  /** Subscribes to an event; returns the unsubscribe. */
  on<E extends keyof SmsGatewayEvents>(event: E, listener: SmsGatewayEvents[E]): () => void;
  /** Stops reconnecting, unbinds, and fails sends still waiting with SMS_CLOSED. */
  close(): Promise<void>;
}
